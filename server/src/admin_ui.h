// admin_ui.h — the admin dashboard: one HTML page, its script and styles,
// served from memory at /admin/, /admin/dashboard.js, /admin/dashboard.css.
// No inline script or style (strict CSP), no CDN: charts are drawn in SVG.

#ifndef WAFER_SERVER_SRC_ADMIN_UI_H_
#define WAFER_SERVER_SRC_ADMIN_UI_H_

namespace wafer {
namespace server {

extern const char kDashboardHtml[];
extern const char kDashboardJs[];
extern const char kDashboardCss[];

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_ADMIN_UI_H_
