#include "assets.h"

#include <brotli/encode.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util.h"
#include "wafer/banner_data.h"
#include "wafer/script_template.h"

namespace wafer {
namespace server {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Files(const std::string& dir, std::initializer_list<const char*> exts) {
  std::vector<fs::path> out;
  if (dir.empty()) return out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string ext = it->path().extension().string();
    if (!it->is_regular_file(ec)) continue;
    if (std::find_if(exts.begin(), exts.end(), [&](const char* e) { return ext == e; }) != exts.end()) {
      out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "wafer.banner.fr.js" → "fr". The legacy "wafer.banner.js" is no template.
bool BannerTemplateLanguage(const std::string& filename, std::string* lang) {
  const std::string prefix = "wafer.banner.", suffix = ".js";
  if (filename.size() <= prefix.size() + suffix.size() || filename.rfind(prefix, 0) != 0 ||
      filename.compare(filename.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return false;
  }
  *lang = filename.substr(prefix.size(), filename.size() - prefix.size() - suffix.size());
  return lang->find('.') == std::string::npos;
}

std::string JoinLanguages(const std::vector<std::string_view>& languages) {
  std::string out;
  for (std::string_view l : languages) out += (out.empty() ? "" : ", ") + std::string(l);
  return out;
}

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return static_cast<bool>(in) || in.eof();
}

}  // namespace

std::string GzipBytes(std::string_view in, int level) {
  z_stream zs = {};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "";
}

std::string BrotliBytes(std::string_view in, int quality) {
  size_t size = BrotliEncoderMaxCompressedSize(in.size());
  if (size == 0) size = in.size() + 1024;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(),
                             reinterpret_cast<const uint8_t*>(in.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    return "";
  }
  out.resize(size);
  return out;
}

const Asset* AssetSnapshot::Find(const std::string& url) const {
  auto it = by_url.find(url);
  return it == by_url.end() ? nullptr : it->second.get();
}

AssetStore::AssetStore(std::string engine_dir, std::string js_dir)
    : engine_dir_(std::move(engine_dir)),
      js_dir_(std::move(js_dir)),
      snapshot_(std::make_shared<AssetSnapshot>()) {}

std::string AssetStore::Fingerprint() const {
  std::ostringstream out;
  for (const std::string& dir : {engine_dir_, js_dir_}) {
    for (const fs::path& p : Files(dir, {".wasm", ".mjs", ".js"})) {
      struct stat st;
      if (stat(p.c_str(), &st) == 0) {
        out << p.string() << ':' << st.st_mtim.tv_sec << '.' << st.st_mtim.tv_nsec << ':'
            << st.st_size << ';';
      }
    }
  }
  return out.str();
}

bool AssetStore::ReloadIfChanged() {
  std::string fp = Fingerprint();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fp == fingerprint_) return false;
  }
  Reload();
  return true;
}

std::vector<std::string> AssetStore::Reload() {
  std::lock_guard<std::mutex> reload_lock(reload_mu_);
  std::string fp = Fingerprint();
  std::vector<std::string> errors;
  auto snap = std::make_shared<AssetSnapshot>();
  std::map<std::string, std::shared_ptr<const Asset>> cache;

  auto add = [&](const fs::path& p, const std::string& prefix, const std::string& type) {
    std::string bytes;
    if (!ReadFile(p, &bytes)) {
      errors.push_back(p.string() + ": cannot read");
      return std::shared_ptr<const Asset>();
    }
    std::string sha = Hex(Sha256(bytes));
    std::string stem = p.stem().string();
    std::string ext = p.extension().string();
    std::string key = p.string() + "@" + sha;
    std::shared_ptr<const Asset> asset;
    auto cached = cache_.find(key);
    if (cached != cache_.end()) {
      asset = cached->second;
    } else {
      auto a = std::make_shared<Asset>();
      a->file = p.string();
      a->hashed_url = prefix + stem + "." + sha.substr(0, 12) + ext;
      a->plain_url = prefix + p.filename().string();
      a->content_type = type;
      a->gzip = GzipBytes(bytes);
      if (a->gzip.size() >= bytes.size()) a->gzip.clear();
      a->brotli = BrotliBytes(bytes);
      if (a->brotli.size() >= bytes.size()) a->brotli.clear();
      a->etag = "\"" + sha.substr(0, 16) + "\"";
      a->sri = "sha384-" + Base64(Sha384(bytes));
      a->bytes = std::move(bytes);
      asset = a;
    }
    cache[key] = asset;
    snap->by_url[asset->hashed_url] = asset;
    snap->by_url[asset->plain_url] = asset;
    snap->assets.push_back(asset);
    return asset;
  };

  if (!engine_dir_.empty()) {
    bool found_engine = false;
    for (const fs::path& p : Files(engine_dir_, {".wasm", ".mjs"})) {
      bool wasm = p.extension() == ".wasm";
      auto a = add(p, "/v1/engine/", wasm ? "application/wasm" : "text/javascript; charset=utf-8");
      if (a && p.filename() == "wafer-engine.wasm") {
        snap->engine_url = a->hashed_url;
        found_engine = true;
      }
    }
    if (!found_engine) errors.push_back(engine_dir_ + "/wafer-engine.wasm: not found");
  }
  if (!js_dir_.empty()) {
    std::vector<fs::path> scripts = Files(js_dir_, {".js"});
    for (const fs::path& p : scripts) {
      if (p.filename() == "wafer.stub.js") {
        if (!ReadFile(p, &snap->stub_template)) {
          errors.push_back(p.string() + ": cannot read");
        } else if (absl::Status s = CheckScriptTemplate(snap->stub_template, kConfigPlaceholder);
                   !s.ok()) {
          errors.push_back(p.string() + ": refused: " + std::string(s.message()));
        } else {
          snap->has_stub = true;
        }
        continue;
      }
      std::string lang;
      if (BannerTemplateLanguage(p.filename().string(), &lang)) {
        // A template whose placeholder is missing or repeated would serve a
        // banner without the site's data (or with it twice): refuse it, so
        // that its route answers 503 wafer.banner.missing instead.
        std::string bytes;
        if (!IsBannerLanguage(lang)) {
          errors.push_back(p.string() + ": ignored: \"" + lang +
                           "\" is not a bundled banner language (" +
                           JoinLanguages(BannerLanguages()) + ")");
        } else if (!ReadFile(p, &bytes)) {
          errors.push_back(p.string() + ": cannot read");
        } else if (absl::Status s = CheckScriptTemplate(bytes, kBannerPlaceholder); !s.ok()) {
          errors.push_back(p.string() + ": refused: " + std::string(s.message()));
        } else {
          snap->banner_templates[lang] = std::move(bytes);
        }
        continue;
      }
      add(p, "/v1/js/", "text/javascript; charset=utf-8");
    }
    if (!snap->has_stub) errors.push_back(js_dir_ + "/wafer.stub.js: not found or unusable");
    std::vector<std::string_view> missing;
    for (std::string_view lang : BannerLanguages()) {
      if (snap->banner_templates.count(std::string(lang)) == 0) missing.push_back(lang);
    }
    if (!missing.empty()) {
      errors.push_back(js_dir_ + "/wafer.banner.<lang>.js: no usable template for " +
                       JoinLanguages(missing) + " (their banner routes answer 503)");
    }
    if (const Asset* a = snap->Find("/v1/js/wafer.placeholder.js")) {
      snap->placeholder_url = a->hashed_url;
    } else {
      errors.push_back(js_dir_ + "/wafer.placeholder.js: not found (refused embeds get no placeholder)");
    }
    // The deferred loader: the first of these names present.
    for (const char* name : {"wafer.loader.js", "loader.js", "wafer.js", "wafer.banner.js"}) {
      const Asset* a = snap->Find(std::string("/v1/js/") + name);
      if (a) {
        snap->loader_url = a->hashed_url;
        break;
      }
    }
  }
  nlohmann::json integrity = nlohmann::json::object();
  for (const auto& a : snap->assets) integrity[a->hashed_url] = a->sri;
  snap->integrity_json = integrity.dump(2) + "\n";
  for (const std::string& e : errors) LogEvent("warn", "assets", e);
  std::lock_guard<std::mutex> lock(mu_);
  snapshot_ = snap;
  cache_ = std::move(cache);
  fingerprint_ = fp;
  return errors;
}

std::shared_ptr<const AssetSnapshot> AssetStore::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return snapshot_;
}

}  // namespace server
}  // namespace wafer
