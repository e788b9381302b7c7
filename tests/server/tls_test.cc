// HTTPS end to end: the real binary with a throwaway certificate for
// 127.0.0.1 (made here with OpenSSL), a client that verifies it, a receipt
// stored over TLS with a Secure cookie, and plain HTTP refused on that port.

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "gtest/gtest.h"
#include "test_support.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

using nlohmann::json;

// Writes a self-signed P-256 certificate for IP 127.0.0.1 and its key (PEM).
bool MakeCertificate(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = nullptr;
  EVP_PKEY_CTX* kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nullptr);
  bool ok = kctx && EVP_PKEY_keygen_init(kctx) == 1 &&
            EVP_PKEY_CTX_set_ec_paramgen_curve_nid(kctx, NID_X9_62_prime256v1) == 1 &&
            EVP_PKEY_keygen(kctx, &key) == 1;
  EVP_PKEY_CTX_free(kctx);
  X509* cert = ok ? X509_new() : nullptr;
  if (cert) {
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1,
                               -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX v3;
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair<int, const char*>{NID_subject_alt_name, "IP:127.0.0.1"},
                                     {NID_basic_constraints, "critical,CA:TRUE"}}) {
      X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
      ok = ok && ext && X509_add_ext(cert, ext, -1) == 1;
      X509_EXTENSION_free(ext);
    }
    ok = ok && X509_sign(cert, key, EVP_sha256()) > 0;
  }
  FILE* c = ok ? std::fopen(cert_path.c_str(), "w") : nullptr;
  FILE* k = ok ? std::fopen(key_path.c_str(), "w") : nullptr;
  ok = c && k && PEM_write_X509(c, cert) == 1 &&
       PEM_write_PrivateKey(k, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  if (c) std::fclose(c);
  if (k) std::fclose(k);
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

TEST(Tls, ServesHttpsEndToEnd) {
  testing::TempDir dir;
  const std::string cert = dir / "cert.pem", key = dir / "key.pem";
  ASSERT_TRUE(MakeCertificate(cert, key));
  testing::WriteStubTemplate(dir / "js");
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start({"--listen", "127.0.0.1:0", "--policies", testing::TestPoliciesDir(), "--js", dir / "js",
                            "--data", dir / "data", "--tls-cert", cert, "--tls-key", key, "--admin-token",
                            testing::kTestAdminToken, "--rate-limit", "0", "--quiet"}))
      << server.log();

  httplib::SSLClient client("127.0.0.1", server.port());
  client.set_ca_cert_path(cert.c_str());
  client.enable_server_certificate_verification(true);
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(10, 0);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health) << "TLS handshake or verification failed: " << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);

  // The stub's URLs are https, and so is the page-view token's wafer.js.
  auto stub = client.Get("/v1/sites/shop/wafer.js", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(stub);
  ASSERT_EQ(stub->status, 200);
  EXPECT_NE(stub->body.find("\"receipts\":\"https://127.0.0.1:"), std::string::npos) << stub->body;
  const std::string key_token = "\"token\":\"";
  const size_t at = stub->body.find(key_token);
  ASSERT_NE(at, std::string::npos);
  const std::string token = stub->body.substr(at + key_token.size(),
                                               stub->body.find('"', at + key_token.size()) - at - key_token.size());

  const std::string id = testing::RandomConsentId();
  auto posted = client.Post("/v1/consents",
                            testing::ReceiptBody("shop", id, testing::MakeState(testing::Shop(), id, {}), "accept-all",
                                                 R"({"necessary":true,"analytics":true,"marketing":true})", 1,
                                                 "opt-in", token),
                            "application/json");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 201) << posted->body;
  EXPECT_NE(posted->get_header_value("Set-Cookie").find("; Secure"), std::string::npos)
      << posted->get_header_value("Set-Cookie");

  // A client that does not trust the certificate gets nothing.
  httplib::SSLClient untrusting("127.0.0.1", server.port());
  untrusting.enable_server_certificate_verification(true);
  untrusting.set_ca_cert_path((dir / "nothing.pem").c_str());
  EXPECT_FALSE(untrusting.Get("/healthz"));
  // Plain HTTP on the TLS port is not served.
  const std::string raw = testing::RawExchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(raw.find("{\"status\":\"ok\"}"), std::string::npos) << raw;

  server.Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(server.status()) && WEXITSTATUS(server.status()) == 0) << server.log();
}

TEST(Tls, ACertificateThatDoesNotMatchItsKeyIsAStartUpError) {
  testing::TempDir dir;
  ASSERT_TRUE(MakeCertificate(dir / "a.pem", dir / "a.key"));
  ASSERT_TRUE(MakeCertificate(dir / "b.pem", dir / "b.key"));
  std::string out;
  const int status = testing::RunCommand(testing::ServerBinary(),
                                         {"--listen", "127.0.0.1:0", "--policies", testing::TestPoliciesDir(),
                                          "--data", dir / "data", "--tls-cert", dir / "a.pem", "--tls-key",
                                          dir / "b.key"},
                                         &out);
  EXPECT_NE(status, 0);
  EXPECT_NE(out.find("b.key: not the key of"), std::string::npos) << out;
}

}  // namespace
}  // namespace server
}  // namespace wafer
