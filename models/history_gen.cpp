#include "models/history_gen.hpp"

#include <string>
#include <vector>

#include "models/requests.hpp"

namespace paircheck::model {
namespace {

const DiskFixture* disk_in(const Universe& u, std::size_t i) {
  return u.disks.empty() ? nullptr : &u.disks[i % u.disks.size()];
}

std::string region_of(const Universe& u, std::uint32_t w) {
  const DiskFixture* d = disk_in(u, w);
  return d ? d->region_id : std::string("cn-hangzhou");
}

std::optional<std::string> token_of(std::uint32_t w) {
  if (w % 5 < 2) return std::nullopt;
  return "tok-" + std::to_string((w >> 4) % 4);
}

}  // namespace

Request make_request(const BeliefSet& judge, const RequestWords& w, std::int64_t now_ms) {
  const Universe& u = judge.universe();
  std::vector<std::string> ids = judge.known_pair_ids();
  ids.push_back("pair-none");
  const std::string pair = ids[w[1] % ids.size()];
  const std::string region = region_of(u, w[3] >> 8);
  const auto token = token_of(w[3]);
  Request r;
  switch (w[0] % 14) {
    case 0: {
      const DiskFixture* a = disk_in(u, w[1]);
      const DiskFixture* b = disk_in(u, w[2]);
      if (a == nullptr || b == nullptr) break;
      requests::CreateArgs c{a->region_id, a->zone_id, a->disk_id,   b->region_id, b->zone_id,
                             b->disk_id,   token,      std::nullopt, std::nullopt};
      if (w[2] % 7 == 0) c.name = "pair" + std::to_string(w[2] % 3);
      r = requests::create(c);
      break;
    }
    case 1:
    case 2: {
      std::optional<bool> one_shot;
      if (w[2] % 3 != 0) one_shot = w[2] % 3 == 2;
      r = requests::start(region, pair, one_shot, token);
      break;
    }
    case 3:
      r = requests::stop(region, pair, token);
      break;
    case 4:
      r = requests::failover(region, pair, token);
      break;
    case 5: {
      std::optional<bool> reverse;
      if (w[2] % 3 != 0) reverse = w[2] % 3 == 2;
      r = requests::reprotect(region, pair, reverse, token);
      break;
    }
    case 6:
      r = requests::remove(region, pair, token);
      break;
    case 7:
      r = requests::modify(region, pair, "name" + std::to_string(w[2] % 3), token);
      break;
    case 8:
    case 9: {
      r = requests::describe(region,
                             w[2] % 4 == 1 ? std::optional<std::string>("backup") : std::nullopt);
      if (w[2] % 5 == 2) requests::set_param(r, "MaxResults", "1");
      if (w[2] % 7 == 3) requests::set_param(r, "PageSize", "1");
      if (w[2] % 11 == 4) requests::set_param(r, "NextToken", "bogus-token");
      if (w[2] % 13 == 5) requests::set_param(r, "PairIds", pair);
      break;
    }
    case 10:
      r = requests::progress(region, pair);
      break;
    case 11:
    case 12: {
      const DiskFixture* d = disk_in(u, w[2]);
      std::string instance =
          u.instances.empty() ? "i-none" : u.instances[w[1] % u.instances.size()].instance_id;
      std::string disk = d ? d->disk_id : "d-none";
      r = w[0] % 14 == 11 ? requests::attach(instance, disk) : requests::detach(instance, disk);
      break;
    }
    default: {  // a fault the gateway or the parameter checks must catch
      r = requests::stop(region, pair, token);
      switch (w[2] % 7) {
        case 0:
          r.envelope.method = "PUT";
          break;
        case 1:
          r.envelope.signature = SignatureFault::kWrongSecret;
          break;
        case 2:
          requests::erase_param(r, "RegionId");
          break;
        case 3:
          r = requests::start(region, pair);
          requests::set_param(r, "OneShot", "yes");
          break;
        case 4:
          requests::set_param(r, "ClientToken", std::string(65, 'x'));
          break;
        case 5:
          r.action = "StopEverything";
          break;
        default:
          r.envelope.access_key_id = "ak-readonly";
          break;
      }
    }
  }
  requests::at(r, now_ms);
  return r;
}

std::uint64_t WordStream::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

RequestWords WordStream::words() {
  std::uint64_t a = next(), b = next();
  return {static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(a >> 32),
          static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b >> 32)};
}

}  // namespace paircheck::model
