#include "static_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "util.h"
#include "wafer/identifiers.h"

namespace wafer {
namespace server {
namespace {

constexpr int kMaxDepth = 16;
constexpr size_t kMaxFiles = 10000;
constexpr size_t kMaxFileBytes = 16u << 20;
constexpr size_t kMaxTotalBytes = 256u << 20;

bool IsServableName(const std::string& name) {
  if (name.empty() || name[0] == '.' || name.size() > 255) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::string ContentTypeFor(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"}, {".json", "application/json"},
      {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
      {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"}, {".woff2", "font/woff2"}, {".map", "application/json"}};
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  std::string ext = name.substr(dot);
  for (char& c : ext) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// Reads a regular file opened without following a symbolic link.
bool ReadNoFollow(int dir_fd, const std::string& name, size_t max, std::string* out) {
  int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) > max) {
    ::close(fd);
    return false;
  }
  out->resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < out->size()) {
    ssize_t n = ::read(fd, out->data() + got, out->size() - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  out->resize(got);
  return true;
}

struct Walk {
  std::vector<std::string>* problems;
  std::ostringstream* fingerprint;  // When set: only fingerprint, read nothing.
  size_t files = 0;
  size_t bytes = 0;
};

// Walks `dir_fd` (the directory at URL path `url`), adding to `tree`.
void WalkDir(int dir_fd, const std::string& url, const std::string& shown, int depth, Walk* w,
             std::map<std::string, std::shared_ptr<const StaticFile>>* tree) {
  DIR* d = ::fdopendir(dir_fd);
  if (d == nullptr) {
    ::close(dir_fd);
    return;
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    struct stat st;
    if (::fstatat(::dirfd(d), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    const std::string path = shown + "/" + name;
    if (S_ISLNK(st.st_mode)) {
      if (!w->fingerprint) w->problems->push_back(path + ": symbolic link not served");
      continue;
    }
    if (!IsServableName(name)) {
      if (!w->fingerprint) {
        w->problems->push_back(path + ": not served (names are [A-Za-z0-9._-], not starting with '.')");
      }
      continue;
    }
    if (w->fingerprint) {
      *w->fingerprint << path << ':' << st.st_mtim.tv_sec << '.' << st.st_mtim.tv_nsec << ':' << st.st_size
                      << ';';
    }
    if (S_ISDIR(st.st_mode)) {
      if (depth + 1 > kMaxDepth) {
        if (!w->fingerprint) w->problems->push_back(path + ": deeper than 16 levels, not served");
        continue;
      }
      int sub = ::openat(::dirfd(d), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0) WalkDir(sub, url + name + "/", path, depth + 1, w, tree);
      continue;
    }
    if (!S_ISREG(st.st_mode) || w->fingerprint) continue;
    if (w->files >= kMaxFiles || w->bytes + static_cast<size_t>(st.st_size) > kMaxTotalBytes ||
        static_cast<size_t>(st.st_size) > kMaxFileBytes) {
      w->problems->push_back(path + ": over the limits (10,000 files, 16 MiB each, 256 MiB in all)");
      continue;
    }
    auto file = std::make_shared<StaticFile>();
    if (!ReadNoFollow(::dirfd(d), name, kMaxFileBytes, &file->bytes)) {
      w->problems->push_back(path + ": cannot read");
      continue;
    }
    ++w->files;
    w->bytes += file->bytes.size();
    file->content_type = ContentTypeFor(name);
    file->etag = "W/\"" + Hex(Sha256(file->bytes)).substr(0, 16) + "\"";
    (*tree)[url + name] = file;
    if (name == "index.html") (*tree)[url] = file;
  }
  ::closedir(d);
}

}  // namespace

StaticFiles::StaticFiles(std::string root)
    : root_(std::move(root)), sites_(std::make_shared<Sites>()) {}

std::string StaticFiles::Fingerprint() const {
  if (root_.empty()) return "";
  std::ostringstream out;
  std::vector<std::string> ignored;
  Walk w{&ignored, &out};
  int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  std::map<std::string, std::shared_ptr<const StaticFile>> none;
  if (fd >= 0) WalkDir(fd, "/", root_, 0, &w, &none);
  return out.str();
}

bool StaticFiles::ReloadIfChanged() {
  const std::string fp = Fingerprint();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fp == fingerprint_) return false;
  }
  Reload();
  return true;
}

std::vector<std::string> StaticFiles::Reload() {
  std::lock_guard<std::mutex> reload_lock(reload_mu_);
  const std::string fp = Fingerprint();
  std::vector<std::string> problems;
  auto sites = std::make_shared<Sites>();
  if (!root_.empty()) {
    int root_fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root_fd < 0) {
      problems.push_back(root_ + ": not a readable directory");
    } else {
      Walk w{&problems, nullptr};
      DIR* d = ::fdopendir(root_fd);
      std::vector<std::string> names;
      while (dirent* e = d ? ::readdir(d) : nullptr) names.push_back(e->d_name);
      std::sort(names.begin(), names.end());
      for (const std::string& name : names) {
        if (name == "." || name == "..") continue;
        struct stat st;
        if (::fstatat(::dirfd(d), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode)) {
          continue;  // Files beside the site folders (a README) are not served.
        }
        if (!IsSiteId(name)) {
          problems.push_back(root_ + "/" + name + ": not a site id, not served");
          continue;
        }
        int fd = ::openat(::dirfd(d), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) WalkDir(fd, "/", root_ + "/" + name, 0, &w, &(*sites)[name].files);
      }
      if (d) ::closedir(d);
    }
  }
  for (const std::string& p : problems) LogEvent("warn", "sites", p);
  std::lock_guard<std::mutex> lock(mu_);
  sites_ = std::move(sites);
  fingerprint_ = fp;
  return problems;
}

std::shared_ptr<const StaticFile> StaticFiles::Find(const std::string& site_id,
                                                    const std::string& url_path) const {
  std::shared_ptr<const Sites> sites;
  {
    std::lock_guard<std::mutex> lock(mu_);
    sites = sites_;
  }
  auto site = sites->find(site_id);
  if (site == sites->end()) return nullptr;
  auto file = site->second.files.find(url_path);
  return file == site->second.files.end() ? nullptr : file->second;
}

std::string StaticFiles::DirectoryRedirect(const std::string& site_id, const std::string& url_path) const {
  if (url_path.empty() || url_path.back() == '/') return "";
  return Find(site_id, url_path + "/") ? url_path + "/" : "";
}

size_t StaticFiles::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = 0;
  for (const auto& [id, tree] : *sites_) n += tree.files.size();
  return n;
}

}  // namespace server
}  // namespace wafer
