// Service::handle: decode -> G1-G11 -> settle background moves (S) -> P1-P4 -> I1-I5 -> the
// operation (O, X) -> W2/W3 body with a fresh RequestId (W4). One mutex makes each request atomic.
#include "emulator/service.hpp"

#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <variant>

#include "emulator/clock.hpp"
#include "emulator/control.hpp"
#include "emulator/describe.hpp"
#include "emulator/faults.hpp"
#include "emulator/gateway.hpp"
#include "emulator/idempotency.hpp"
#include "emulator/lifecycle.hpp"
#include "emulator/operations.hpp"
#include "emulator/response.hpp"
#include "emulator/state.hpp"
#include "protocol/request_id.hpp"

namespace paircheck::emulator {
namespace {

using Operation = OpResult (*)(OpContext&);

Operation find_operation(std::string_view action) {
  static const std::vector<std::pair<std::string_view, Operation>> kTable = {
      {"CreateDiskReplicaPair", create_pair},
      {"StartDiskReplicaPair", start_pair},
      {"StopDiskReplicaPair", stop_pair},
      {"FailoverDiskReplicaPair", failover_pair},
      {"ReprotectDiskReplicaPair", reprotect_pair},
      {"DeleteDiskReplicaPair", delete_pair},
      {"ModifyDiskReplicaPair", modify_pair},
      {"DescribeDiskReplicaPairs", describe_pairs},
      {"DescribeDiskReplicaPairProgress", describe_progress},
      {"AttachDisk", attach_disk},
      {"DetachDisk", detach_disk},
  };
  for (const auto& [name, op] : kTable) {
    if (name == action) return op;
  }
  return nullptr;
}

// The token this thread's process() recorded last (check-then-act lets other threads in meanwhile).
thread_local std::optional<TokenLedger::Key> t_recorded;

World make_world(const protocol::Fixtures& fixtures) {
  World world;
  for (const auto& d : fixtures.disks)
    world.disks[d.disk_id] = {d.disk_id, d.region_id, d.zone_id, ""};
  for (const auto& i : fixtures.instances) {
    world.instances[i.instance_id] = {i.instance_id, i.region_id, i.zone_id};
  }
  return world;
}

}  // namespace

struct Service::Impl {
  Impl(ServiceConfig c, protocol::Fixtures f)
      : config(std::move(c)),
        fixtures(std::move(f)),
        faults(config.faults),
        clock(config.clock, config.virtual_epoch_unix),
        lifecycle(config, faults, clock.epoch()),
        world(make_world(fixtures)),
        gateway(config, fixtures, faults),
        ledger(config.token_ttl_s),
        request_ids(config.seed) {}

  // Everything after the gateway; returns the result and the RequestId to send.
  // `lock` holds `mutex`; only the check-then-act fault lets go of it for a while.
  OpResult process(const HttpRequest& request, std::string& request_id,
                   std::unique_lock<std::mutex>& lock);
  // After the gateway: S, P, I, then the operation (O, X).
  OpResult act(const GatewayPass& pass, std::string& request_id,
               std::unique_lock<std::mutex>& lock);
  HttpResponse control(const HttpRequest& request, const std::string& request_id);
  // No pairs, nothing attached, no tokens, no nonces seen (G8): a freshly started emulator, but
  // the clock carries on. Forgetting the nonces keeps a long run's memory flat: a harness resets
  // before every sequence, and would otherwise make the emulator hold 15 minutes of nonces.
  void reset() {
    world = make_world(fixtures);
    ledger = TokenLedger{config.token_ttl_s};
    gateway.forget_nonces();
  }

  const ServiceConfig config;
  const protocol::Fixtures fixtures;
  const FaultSet faults;
  Clock clock;
  Lifecycle lifecycle;
  World world;
  Gateway gateway;
  TokenLedger ledger;
  protocol::RequestIdGenerator request_ids;
  mutable std::mutex mutex;
  std::atomic<uint64_t> internal_errors{0};
};

OpResult Service::Impl::process(const HttpRequest& request, std::string& request_id,
                                std::unique_lock<std::mutex>& lock) {
  auto decoded = decode_request(request, config.max_request_bytes);  // G1, path, W1
  if (auto* err = std::get_if<ApiError>(&decoded)) return OpResult::fail(*err);
  auto passed = gateway.check(request, std::get<protocol::RequestParams>(decoded), wall_unix_now());
  if (auto* err = std::get_if<ApiError>(&passed)) return OpResult::fail(*err);
  return act(std::get<GatewayPass>(passed), request_id, lock);
}

OpResult Service::Impl::act(const GatewayPass& pass, std::string& request_id,
                            std::unique_lock<std::mutex>& lock) {
  const double now = clock.now();
  lifecycle.settle(world, now);                                         // S1-S6 due by now
  if (auto err = validate_params(*pass.action, pass.params, faults)) {  // P1-P4
    return OpResult::fail(*err);
  }
  const std::string* token = protocol::find_param(pass.params, "ClientToken");
  const bool idempotent = pass.action->takes_token && token != nullptr && !token->empty();
  const TokenLedger::Key key{fixtures.account_id, pass.action->name, idempotent ? *token : ""};
  const BusinessParams business = idempotent ? business_params(pass.params) : BusinessParams{};
  if (idempotent) {  // I4: after G and P, before any resource lookup
    if (const TokenLedger::Entry* entry = ledger.find(key, now)) {
      const bool same = entry->params == business || faults.has(Fault::kTokenMismatchIgnored);
      if (!same) {  // I2
        return OpResult::fail({400, "IdempotentParameterMismatch",
                               "The specified parameter has changed while using an already used "
                               "clientToken."});
      }
      if (!faults.has(Fault::kReplayReexecutes)) {  // I1: same body, fresh RequestId (W4)
        if (faults.has(Fault::kReplayReusesRequestId)) request_id = entry->request_id;
        if (entry->error) return OpResult::fail(*entry->error);
        return OpResult::ok(entry->fields);
      }
    }
  }
  OpContext ctx{world, lifecycle, faults, config, now, clock.unix_at(now), pass.params, {}};
  if (faults.has(Fault::kCheckThenAct)) {  // the lock is let go between check and act
    ctx.between_check_and_act = [this, &lock](OpContext& c) {
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::duration<double>(config.check_then_act_pause_s));
      lock.lock();
      c.now = clock.now();
      c.unix_now = clock.unix_at(c.now);
      lifecycle.settle(world, c.now);
    };
  }
  OpResult result = find_operation(pass.action->name)(ctx);
  if (idempotent && (!result.error || faults.has(Fault::kFailedTokenConsumed))) {  // I3
    ledger.record(key, {business, result.error, result.fields, request_id, ctx.now}, ctx.now);
    t_recorded = key;
  }
  return result;
}

HttpResponse Service::Impl::control(const HttpRequest& request, const std::string& request_id) {
  auto parsed = parse_control(request, config, clock.mode() == ClockMode::kVirtual);
  if (auto* err = std::get_if<ApiError>(&parsed)) {
    return render(OpResult::fail(*err), request_id, config.host_id, FaultSet{});
  }
  const auto& control = std::get<ControlRequest>(parsed);
  if (control.kind == ControlRequest::Kind::kAdvance) clock.advance(control.seconds);
  if (control.kind == ControlRequest::Kind::kReset) reset();
  lifecycle.settle(world, clock.now());
  nlohmann::json fields = {{"ClockSeconds", clock.now()},
                           {"UnixTime", clock.unix_now()},
                           {"Clock", clock.mode() == ClockMode::kVirtual ? "virtual" : "real"}};
  if (control.kind == ControlRequest::Kind::kHealth) {
    fields["Status"] = "ok";
    fields["Faults"] = config.faults;
  }
  return render(OpResult::ok(std::move(fields)), request_id, config.host_id, FaultSet{});
}

Service::Service(ServiceConfig config, protocol::Fixtures fixtures)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(fixtures))) {}

Service::~Service() = default;

HttpResponse Service::handle(const HttpRequest& request) {
  std::string request_id;
  std::string bug;
  try {
    std::unique_lock<std::mutex> lock(impl_->mutex);
    request_id = impl_->request_ids.next();
    if (is_control_request(request, impl_->config)) return impl_->control(request, request_id);
    std::string sent_id = request_id;
    t_recorded.reset();
    OpResult result = impl_->process(request, sent_id, lock);
    HttpResponse response = render(result, sent_id, impl_->config.host_id, impl_->faults);
    if (t_recorded && impl_->faults.has(Fault::kLostAnswerReexecutes)) {
      // The bug: the token is committed only once the answer is out, the effect at once.
      response.on_undelivered = [impl = impl_.get(), key = *t_recorded] {
        std::lock_guard<std::mutex> relock(impl->mutex);
        impl->ledger.forget(key);
      };
    }
    return response;
  } catch (const std::exception& e) {
    bug = e.what();
  } catch (...) {
    bug = "unknown exception";
  }
  // Never a 5xx and never an exception out of handle(); counted, since it is always a bug.
  impl_->internal_errors.fetch_add(1);
  if (request_id.empty()) request_id = impl_->request_ids.next();
  try {
    return render(OpResult::fail({400, "InvalidParameter", "[emulator-bug] " + bug}), request_id,
                  impl_->config.host_id, FaultSet{});
  } catch (...) {
    return HttpResponse{400,
                        "application/json;charset=utf-8",
                        "{\"RequestId\":\"" + request_id +
                            "\",\"HostId\":\"emulator\","
                            "\"Code\":\"InvalidParameter\",\"Message\":\"[emulator-bug]\"}",
                        {}};
  }
}

protocol::DirectAnswer Service::handle_direct(const protocol::DirectRequest& request) {
  std::string request_id;
  std::string bug;
  try {
    std::unique_lock<std::mutex> lock(impl_->mutex);
    request_id = impl_->request_ids.next();
    std::string sent_id = request_id;
    t_recorded.reset();
    auto passed = impl_->gateway.check_direct(request, wall_unix_now());
    OpResult result = std::holds_alternative<ApiError>(passed)
                          ? OpResult::fail(std::get<ApiError>(passed))
                          : impl_->act(std::get<GatewayPass>(passed), sent_id, lock);
    return render_document(std::move(result), sent_id, impl_->config.host_id, impl_->faults);
  } catch (const std::exception& e) {
    bug = e.what();
  } catch (...) {
    bug = "unknown exception";
  }
  impl_->internal_errors.fetch_add(1);  // as handle(): never a 5xx, never an exception out
  if (request_id.empty()) request_id = impl_->request_ids.next();
  return render_document(OpResult::fail({400, "InvalidParameter", "[emulator-bug] " + bug}),
                         request_id, impl_->config.host_id, FaultSet{});
}

std::vector<std::pair<std::string, std::string>> Service::list_faults() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& info : fault_table()) out.emplace_back(info.name, info.description);
  return out;
}

void Service::advance_clock(double seconds) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->clock.mode() != ClockMode::kVirtual) {
    throw std::invalid_argument("advance_clock: the clock is real");
  }
  if (!valid_advance(seconds)) throw std::invalid_argument("advance_clock: bad amount");
  impl_->clock.advance(seconds);
  impl_->lifecycle.settle(impl_->world, impl_->clock.now());
}

void Service::reset() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->reset();
}

Service::Memory Service::memory() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return {impl_->gateway.nonces_remembered(), impl_->ledger.size(), impl_->world.pairs.size()};
}

double Service::clock_seconds() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->clock.now();
}

int64_t Service::unix_time() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->clock.unix_now();
}

uint64_t Service::internal_error_count() const { return impl_->internal_errors.load(); }

}  // namespace paircheck::emulator
