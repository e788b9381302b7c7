// assets.h — the scripts and the WASM engine the server serves.
//
// From --engine DIR: wafer-engine.wasm (and any *.mjs glue); from --js DIR:
// wafer.stub.js (the synchronous stub template, with the literal placeholder
// `/*@WAFER_CONFIG@*/null`), the banner templates wafer.banner.<lang>.js (one
// per bundled language, each with `/*@WAFER_BANNER@*/null` exactly once;
// wafer/script_template.h) and every other *.js. The templates are filled per
// site by the server's routes and not served as they are. Every other file is
// served under a content-hashed name (first 12 hex of its sha256), immutable,
// precompressed with gzip and brotli, with its SRI hash published:
//   /v1/engine/wafer-engine.3f2a9c0d1e2b.wasm
//   /v1/js/wafer.loader.8e1f00a4c3d2.js
// and under its plain name (/v1/js/wafer.loader.js) with no-cache.
//
//   AssetStore assets(engine_dir, js_dir);
//   assets.Reload();
//   std::shared_ptr<const AssetSnapshot> s = assets.Snapshot();
//   const Asset* a = s->Find("/v1/engine/wafer-engine.3f2a9c0d1e2b.wasm");

#ifndef WAFER_SERVER_SRC_ASSETS_H_
#define WAFER_SERVER_SRC_ASSETS_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace wafer {
namespace server {

// gzip (RFC 1952) and brotli of `in`; "" on failure. Level 9 and quality 11
// for files compressed once at load, lower for bodies made per request.
std::string GzipBytes(std::string_view in, int level = 9);
std::string BrotliBytes(std::string_view in, int quality = 11);

struct Asset {
  std::string file;          // Source path.
  std::string hashed_url;    // Immutable URL.
  std::string plain_url;     // Same bytes, no-cache.
  std::string content_type;
  std::string bytes;
  std::string gzip;          // Empty if not smaller.
  std::string brotli;        // Empty if not smaller.
  std::string etag;          // "\"<sha256 hex 16>\""
  std::string sri;           // "sha384-…"
};

struct AssetSnapshot {
  std::map<std::string, std::shared_ptr<const Asset>> by_url;  // Both URLs.
  std::vector<std::shared_ptr<const Asset>> assets;
  std::string stub_template;  // wafer.stub.js; "" if absent.
  bool has_stub = false;
  // Banner language ("fr") → wafer.banner.fr.js, for the templates that hold
  // their placeholder exactly once.
  std::map<std::string, std::string> banner_templates;
  std::string engine_url;     // "" if no engine.
  std::string loader_url;     // "" if no separate loader bundle.
  std::string placeholder_url;  // wafer.placeholder.js; "" if absent.
  std::string integrity_json;

  const Asset* Find(const std::string& url) const;
};

class AssetStore {
 public:
  AssetStore(std::string engine_dir, std::string js_dir);
  // Re-reads both directories; returns errors (one line each).
  std::vector<std::string> Reload();
  bool ReloadIfChanged();
  std::shared_ptr<const AssetSnapshot> Snapshot() const;

 private:
  std::string Fingerprint() const;
  std::string engine_dir_;
  std::string js_dir_;
  mutable std::mutex mu_;
  std::mutex reload_mu_;
  std::shared_ptr<const AssetSnapshot> snapshot_;
  std::string fingerprint_;
  std::map<std::string, std::shared_ptr<const Asset>> cache_;  // By sha256 + url: skip recompressing.
};

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_ASSETS_H_
