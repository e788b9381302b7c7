// static_files.h — the demo sites' files, served by construction.
//
// At start and on every reload the server walks --sites DIR/<site id>/ and
// keeps, in memory, every regular file it may serve, under its canonical URL
// path ("/index.html", "/css/site.css"); a directory holding index.html is
// also its own path ("/", "/docs/"). A request is answered only if its path
// is, byte for byte, one of those keys: nothing is ever joined to the root or
// opened at request time, so no spelling of a path (dot segments, "//",
// percent-escapes, backslashes, overlong UTF-8, NUL) can reach another file.
//
// What is enumerated: names made of [A-Za-z0-9._-] that do not start with a
// dot; no symbolic link (file or directory) is followed; at most 16 levels,
// 10,000 files, 16 MiB per file and 256 MiB in all. Anything else is skipped
// with a log line.
//
//   StaticFiles files(sites_dir);
//   files.Reload();
//   const StaticFile* f = files.Find("kalido", "/style.css");
//   std::string redirect = files.DirectoryRedirect("kalido", "/docs");  // "/docs/" or ""

#ifndef WAFER_SERVER_SRC_STATIC_FILES_H_
#define WAFER_SERVER_SRC_STATIC_FILES_H_

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace wafer {
namespace server {

struct StaticFile {
  std::string bytes;
  std::string content_type;
  std::string etag;  // Weak: W/"<sha256 hex 16>".
};

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  // Re-walks the root. Returns the problems met (one line each).
  std::vector<std::string> Reload();
  bool ReloadIfChanged();
  // The file served at `url_path` for `site_id`; nullptr if none.
  std::shared_ptr<const StaticFile> Find(const std::string& site_id, const std::string& url_path) const;
  // "/docs/" if `url_path` is "/docs" and "/docs/" is served; "" otherwise.
  std::string DirectoryRedirect(const std::string& site_id, const std::string& url_path) const;
  size_t size() const;  // Files enumerated (all sites).

 private:
  struct Tree {
    std::map<std::string, std::shared_ptr<const StaticFile>> files;  // By URL path.
  };
  using Sites = std::map<std::string, Tree>;
  std::string Fingerprint() const;

  std::string root_;
  mutable std::mutex mu_;
  std::mutex reload_mu_;
  std::shared_ptr<const Sites> sites_;
  std::string fingerprint_;
};

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_STATIC_FILES_H_
