// HttpTarget over HTTPS: a TLS front (Boost.Beast, a certificate made for the test) before the
// bundled emulator's Service. Judged runs conform when the certificate is trusted (--ca-file) or
// checks are off (--insecure); an untrusted certificate, or one made out to another host name, is
// refused before anything is sent (kNotSent, a clear detail).
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include <unistd.h>

#include "emulator/service.hpp"
#include "harness/http_target.hpp"
#include "protocol/ascii.hpp"
#include "session/campaign.hpp"
#include "support.hpp"

namespace paircheck::harness {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Pem {
  std::string certificate, key;
};

// A self-signed P-256 certificate for `subject_alt_name` (e.g. "IP:127.0.0.1").
Pem make_certificate(const std::string& subject_alt_name) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) return {};
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("paircheck test"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  for (const auto& [nid, value] :
       {std::pair<int, std::string>{NID_subject_alt_name, subject_alt_name},
        std::pair<int, std::string>{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (ext == nullptr) return {};
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return {};
  auto to_pem = [](auto write) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    write(bio.get());
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
  };
  Pem pem;
  pem.certificate = to_pem([&](BIO* b) { PEM_write_bio_X509(b, cert.get()); });
  pem.key = to_pem([&](BIO* b) {
    PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  return pem;
}

// A TLS front for one Service: one connection at a time, keep-alive, on its own thread.
class TlsFront {
 public:
  TlsFront(emulator::Service& service, const Pem& pem) : service_(service) {
    ssl_.use_certificate_chain(asio::buffer(pem.certificate));
    ssl_.use_private_key(asio::buffer(pem.key), asio::ssl::context::pem);
    acceptor_.open(tcp::v4());
    acceptor_.bind({asio::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    thread_ = std::thread([this] { serve(); });
  }
  ~TlsFront() {
    stopping_ = true;
    boost::system::error_code ignored;
    tcp::socket poke(ioc_);
    poke.connect(acceptor_.local_endpoint(), ignored);  // wakes the accept
    thread_.join();
  }
  std::string port() const { return std::to_string(acceptor_.local_endpoint().port()); }

 private:
  void serve() {
    while (!stopping_) {
      tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) continue;
      beast::ssl_stream<tcp::socket> stream(std::move(socket), ssl_);
      stream.handshake(asio::ssl::stream_base::server, ec);  // fails when the client refuses us
      beast::flat_buffer buffer;
      while (!ec) {
        http::request<http::string_body> req;
        http::read(stream, buffer, req, ec);
        if (ec) break;
        emulator::HttpRequest in;
        in.method = std::string(req.method_string());
        in.target = std::string(req.target());
        for (const auto& field : req) {
          in.headers.emplace_back(protocol::ascii_lower(field.name_string()),
                                  std::string(field.value()));
        }
        in.body = req.body();
        const emulator::HttpResponse out = service_.handle(in);
        http::response<http::string_body> res{static_cast<http::status>(out.status), req.version()};
        res.set(http::field::content_type, out.content_type);
        res.keep_alive(req.keep_alive());
        res.body() = out.body;
        res.prepare_payload();
        http::write(stream, res, ec);
      }
    }
  }

  emulator::Service& service_;
  asio::io_context ioc_;
  asio::ssl::context ssl_{asio::ssl::context::tls_server};
  tcp::acceptor acceptor_{ioc_};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

struct Https : ::testing::Test {
  void SetUp() override {
    config.control_token = "t0k";
    dir = std::filesystem::temp_directory_path() /
          ("paircheck-https-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = (dir / name).string();
    std::ofstream(path) << text;
    return path;
  }

  HttpTargetOptions options(const TlsFront& front) const {
    HttpTargetOptions o;
    o.endpoint = {true, "127.0.0.1", front.port()};
    o.control_token = "t0k";
    return o;
  }

  protocol::Fixtures fixtures = testing::default_fixtures();
  emulator::ServiceConfig config;
  std::filesystem::path dir;
};

properties::SearchReport campaign(Target& target, const protocol::Fixtures& fixtures) {
  session::CampaignOptions options;
  options.search.seed = 5;
  options.search.sequences = 40;
  options.search.max_steps = 12;
  return session::run_campaign(target, universe_from(fixtures), model::default_profile(), options);
}

TEST_F(Https, M1_TrustedCertificateRunIsConformant) {
  const Pem pem = make_certificate("IP:127.0.0.1");
  ASSERT_FALSE(pem.certificate.empty());
  emulator::Service service(config, fixtures);
  TlsFront front(service, pem);
  HttpTargetOptions o = options(front);
  o.client.ca_file = write("ca.pem", pem.certificate);
  HttpTarget target(o, fixtures);
  const auto report = campaign(target, fixtures);
  EXPECT_EQ(report.target_error, "");
  EXPECT_TRUE(report.findings.empty());
  EXPECT_EQ(report.sequences_run, 40u);
}

// The result of one probe through a TLS front holding `pem`, trusting `ca` (empty: the system's).
WireResult probe_through(Https& t, const Pem& pem, const std::string& ca) {
  emulator::Service service(t.config, t.fixtures);
  TlsFront front(service, pem);
  HttpTargetOptions o = t.options(front);
  if (!ca.empty()) o.client.ca_file = t.write("ca.pem", ca);
  HttpTarget target(o, t.fixtures);
  model::Request probe;
  probe.action = "DescribeDiskReplicaPairs";
  return target.send(probe);
}

TEST_F(Https, UntrustedCertificateIsRefusedBeforeSending) {
  const WireResult r = probe_through(*this, make_certificate("IP:127.0.0.1"), "");
  EXPECT_EQ(r.kind, WireResult::Kind::kNotSent);
  EXPECT_NE(r.detail.find("TLS handshake"), std::string::npos) << r.detail;
}

TEST_F(Https, CertificateForAnotherHostIsRefusedEvenWhenTrusted) {
  const Pem pem = make_certificate("DNS:elsewhere.invalid");
  const WireResult r = probe_through(*this, pem, pem.certificate);
  EXPECT_EQ(r.kind, WireResult::Kind::kNotSent);
  EXPECT_NE(r.detail.find("TLS handshake"), std::string::npos) << r.detail;
}

TEST_F(Https, InsecureSkipsVerification) {
  const Pem pem = make_certificate("DNS:elsewhere.invalid");
  emulator::Service service(config, fixtures);
  TlsFront front(service, pem);
  HttpTargetOptions o = options(front);
  o.client.insecure = true;
  HttpTarget target(o, fixtures);
  const auto report = campaign(target, fixtures);
  EXPECT_EQ(report.target_error, "");
  EXPECT_TRUE(report.findings.empty());
}

}  // namespace
}  // namespace paircheck::harness
