// O0-O10 beyond the status matrix: existence, site, devices, cooldown, results, Create's checks.
#include <gtest/gtest.h>

#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

TEST(Operations, O0_ExistenceBeforeSiteBeforeStatus) {
  Stepper run;
  World w = world_with(S::kCreated);  // Failover: wrong status, and called in the source region
  Outcome o = run(w, requests::failover(kHz, kPair)).outcome;
  EXPECT_TRUE(has_code(o, "OperationDenied.OperateNotAllowedForPrimary"));  // site before status
  EXPECT_TRUE(has_rule(o.rule_ids, RuleId::kO0));
  Outcome missing = run(w, requests::failover("cn-beijing", kPair)).outcome;  // region of neither
  EXPECT_TRUE(has_code(missing, "NoSuchResource"));
  EXPECT_TRUE(has_code(run(w, requests::stop(kHz, "pair-none")).outcome, "NoSuchResource"));
}

TEST(Operations, O0_StatusBeforeDevicesBeforeCooldown) {
  Stepper run;
  World w = world_with(S::kNormal);
  w.attach("d-sh-1", "i-sh-1");
  EXPECT_TRUE(
      has_code(run(w, requests::start(kHz, kPair)).outcome, "OperationDenied.InvalidStatus"));
  w.pair(kPair)->status = S::kStopped;
  w.pair(kPair)->last_oneshot = MsInterval{900, 900};
  EXPECT_TRUE(has_code(run(w, requests::start(kHz, kPair, true)).outcome,
                       "OperationDenied.StandbyDeviceAttached"));
}

TEST(Operations, O0_OrderOverridable) {
  Profile p = default_profile();
  p.o0_order = {Check::kExistence, Check::kStatus, Check::kSite, Check::kDevices, Check::kCooldown};
  Stepper run{universe(), p};
  Outcome o = run(world_with(S::kCreated), requests::failover(kHz, kPair)).outcome;
  EXPECT_TRUE(has_code(o, "OperationDenied.InvalidStatus"));
}

TEST(Operations, O1_CreateStartsCreatingWithFields) {
  Stepper run;
  requests::CreateArgs a = hz_to_sh();
  a.name = "pairA";
  StepResult r = run(World{}, requests::create(a));
  ASSERT_TRUE(r.outcome.success());
  EXPECT_EQ(r.outcome.body, BodyKind::kCreate);
  const Pair* p = r.world.pair(kNewPairId);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->status, S::kCreating);
  EXPECT_EQ(p->name, "pairA");
  EXPECT_EQ(p->source.disk, "d-hz-1");
  EXPECT_EQ(p->standby_region, kSh);
  EXPECT_EQ(p->bandwidth, 10240);  // §11 default
}

TEST(Operations, O1_CreateChecksDisksRegionsAndLivePairs) {
  Stepper run;
  EXPECT_TRUE(
      has_code(run(World{}, requests::create(hz_to_sh("", "d-hz-9"))).outcome, "NoSuchResource"));
  requests::CreateArgs wrong_zone = hz_to_sh();
  wrong_zone.zone = "cn-hangzhou-i";
  EXPECT_TRUE(has_code(run(World{}, requests::create(wrong_zone)).outcome, "InvalidParameter"));
  requests::CreateArgs same_region = hz_to_sh("", "d-hz-1", "d-hz-2");
  same_region.dest_region = kHz;
  same_region.dest_zone = kHzZone;
  EXPECT_TRUE(has_code(run(World{}, requests::create(same_region)).outcome, "InvalidParameter"));
  requests::CreateArgs wrong_region = hz_to_sh();
  wrong_region.region = kSh;
  EXPECT_EQ(run(World{}, requests::create(wrong_region)).outcome.http, std::vector<int>{400});
  World live = world_with(S::kStopped);
  Outcome busy = run(live, requests::create(hz_to_sh("", "d-hz-2", "d-sh-1"))).outcome;
  EXPECT_EQ(busy.http, std::vector<int>{403});
  EXPECT_TRUE(has_code(busy, "OperationDenied"));
  live.pair(kPair)->status = S::kDeleted;  // a deleted pair frees its disks
  EXPECT_TRUE(run(live, requests::create(hz_to_sh("", "d-hz-2", "d-sh-1"))).outcome.success());
}

TEST(Operations, O1_FreshIdMustBeNewAndWellFormed) {
  BeliefSet b(universe(), default_profile());
  EXPECT_FALSE(b.observe(requests::create(hz_to_sh()), created("not-a-pair")).conformant);
  BeliefSet c(universe(), default_profile());
  ASSERT_TRUE(c.observe(requests::create(hz_to_sh()), created("pair-a")).conformant);
  EXPECT_FALSE(
      c.observe(requests::create(hz_to_sh("", "d-hz-2", "d-sh-2")), created("pair-a")).conformant);
}

TEST(Operations, O2_AttachedDestinationRejected) {
  Stepper run;
  World w = world_with(S::kStopped);
  w.attach("d-sh-1", "i-sh-1");
  Outcome o = run(w, requests::start(kSh, kPair)).outcome;  // either region
  EXPECT_EQ(o.http, std::vector<int>{400});
  EXPECT_TRUE(has_code(o, "OperationDenied.StandbyDeviceAttached"));
  EXPECT_EQ(o.rule_ids, (RuleIds{RuleId::kO2, RuleId::kO0}));
  // A OneShot start (O3, "as O2") is refused by O2's device check: O2 leads.
  Outcome one_shot = run(w, requests::start(kSh, kPair, true)).outcome;
  EXPECT_TRUE(has_code(one_shot, "OperationDenied.StandbyDeviceAttached"));
  EXPECT_EQ(one_shot.rule_ids, (RuleIds{RuleId::kO2, RuleId::kO3, RuleId::kO0}));
  w.detach("d-sh-1");
  w.attach("d-hz-1", "i-hz-1");  // the source may be attached
  EXPECT_TRUE(run(w, requests::start(kSh, kPair)).outcome.success());
}

TEST(Operations, O3_ManualSyncCooldown) {
  Stepper run;
  World w = run(world_with(S::kStopped), requests::start(kHz, kPair, true), 0).world;
  EXPECT_EQ(w.pair(kPair)->status, S::kManualSyncing);
  w.pair(kPair)->status = S::kStopped;
  Outcome soon = run(w, requests::start(kHz, kPair, true), 449'999).outcome;
  EXPECT_EQ(soon.http, std::vector<int>{403});
  EXPECT_TRUE(has_code(soon, "OperationDenied.ManualSyncLimit"));
  EXPECT_TRUE(run(w, requests::start(kHz, kPair, true), 450'000).outcome.success());
  EXPECT_TRUE(run(w, requests::start(kHz, kPair, false), 1).outcome.success());  // O2: no cooldown
}

TEST(Operations, O3_CooldownAmbiguousInsideInterval) {
  Universe u = universe();
  Profile p = default_profile();
  World w = world_with(S::kStopped);
  w.pair(kPair)->last_oneshot = MsInterval{0, 0};
  Request r = requests::start(kHz, kPair, true);
  r.time = TimeInterval{449'000, 451'000};
  auto all = step_all(w, r, StepContext{u, p});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_NE(all[0].outcome.success(), all[1].outcome.success());
}

TEST(Operations, O3_ReplayAndPlainStartDoNotResetCooldown) {
  Stepper run;
  World w = world_with(S::kStopped);
  Request first = requests::start(kHz, kPair, true, "c1");
  w = run(w, first, 0).world;
  w.pair(kPair)->status = S::kStopped;
  w = run(w, first, 400'000).world;  // I1 replay
  EXPECT_EQ(w.pair(kPair)->last_oneshot->lo, 0);
  w = run(w, requests::start(kHz, kPair, false), 400'000).world;
  EXPECT_EQ(w.pair(kPair)->last_oneshot->lo, 0);
}

TEST(Operations, O4_StopLeadsToStopping) {
  Stepper run;
  EXPECT_EQ(run(world_with(S::kSyncing), requests::stop(kSh, kPair)).world.pair(kPair)->status,
            S::kStopping);
}

TEST(Operations, O5_FailoverOnlyInDestinationRegion) {
  Stepper run;
  World w = world_with(S::kNormal);
  Outcome o = run(w, requests::failover(kHz, kPair)).outcome;
  EXPECT_EQ(o.http, std::vector<int>{403});
  EXPECT_TRUE(has_code(o, "OperationDenied.OperateNotAllowedForPrimary"));
  EXPECT_EQ(run(w, requests::failover(kSh, kPair)).world.pair(kPair)->status, S::kFailovering);
}

TEST(Operations, O5_AcceptedStatusesOverridable) {
  Profile p = default_profile();
  p.accepted["O5"].insert(S::kCreated);
  Stepper run{universe(), p};
  EXPECT_TRUE(run(world_with(S::kCreated), requests::failover(kSh, kPair)).outcome.success());
}

TEST(Operations, O6_ReprotectSwapsDirection) {
  Stepper run;
  World w = world_with(S::kFailovered);
  const StepResult swapped = run(w, requests::reprotect(kSh, kPair));
  const Pair* p = swapped.world.pair(kPair);
  EXPECT_EQ(p->status, S::kReprotecting);
  EXPECT_EQ(p->source.disk, "d-sh-1");
  EXPECT_EQ(p->destination.region, kHz);
  EXPECT_EQ(p->primary_region, kHz);  // never changes
  const StepResult same = run(w, requests::reprotect(kSh, kPair, false));
  const Pair* kept = same.world.pair(kPair);
  EXPECT_EQ(kept->source.disk, "d-hz-1");
  EXPECT_TRUE(has_code(run(w, requests::reprotect(kHz, kPair)).outcome,
                       "OperationDenied.OperateNotAllowedForPrimary"));
}

TEST(Operations, O6_AttachedSourceRejected) {
  Stepper run;
  World w = world_with(S::kFailovered);
  w.attach("d-hz-1", "i-hz-1");
  Outcome o = run(w, requests::reprotect(kSh, kPair)).outcome;
  EXPECT_EQ(o.http, std::vector<int>{403});
  EXPECT_TRUE(has_code(o, "OperationDenied"));
}

TEST(Operations, O7_DeleteOnlyInSourceRegion) {
  Stepper run;
  World w = world_with(S::kStopped);
  EXPECT_TRUE(has_code(run(w, requests::remove(kSh, kPair)).outcome,
                       "OperationDenied.OperateNotAllowedForStandby"));
  EXPECT_EQ(run(w, requests::remove(kHz, kPair)).world.pair(kPair)->status, S::kDeleting);
  // §11 O5-O7: after a reversing Reprotect the source is the original standby.
  World r = run(world_with(S::kFailovered), requests::reprotect(kSh, kPair)).world;
  r.pair(kPair)->status = S::kStopped;
  EXPECT_TRUE(run(r, requests::remove(kSh, kPair)).outcome.success());
  EXPECT_TRUE(run(r, requests::failover(kHz, kPair)).outcome.success());
}

TEST(Operations, O8_ModifyUpdatesFields) {
  Stepper run;
  Request m = requests::modify(kSh, kPair, "newName");
  requests::set_param(m, "Description", "dd");
  requests::set_param(m, "Bandwidth", "51200");
  const StepResult modified = run(world_with(S::kStopped), m);
  const Pair* p = modified.world.pair(kPair);
  EXPECT_EQ(p->name, "newName");
  EXPECT_EQ(p->description, "dd");
  EXPECT_EQ(p->bandwidth, 51200);
  EXPECT_EQ(p->status, S::kStopped);
}

TEST(Operations, O9_FiltersAndPaging) {
  BeliefSet b(universe(), default_profile());
  ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created("pair-a")).conformant);
  ASSERT_TRUE(
      b.observe(requests::create(hz_to_sh("", "d-hz-2", "d-sh-2")), created("pair-b")).conformant);
  Request d = requests::describe(kHz);
  requests::set_param(d, "MaxResults", "1");
  Observed page1 = b.example(d, 0);
  ASSERT_EQ(page1.pairs.size(), 1u);
  ASSERT_FALSE(page1.next_token->empty());
  ASSERT_TRUE(b.observe(d, page1).conformant);
  Request d2 = d;
  requests::set_param(d2, "NextToken", *page1.next_token);
  Observed page2 = b.example(d2, 0);
  ASSERT_EQ(page2.pairs.size(), 1u);
  EXPECT_NE(page2.pairs[0].replica_pair_id, page1.pairs[0].replica_pair_id);
  Observed repeat = page2;
  repeat.pairs = page1.pairs;  // the same pair twice over the pages
  repeat.request_id = "rid-repeat";
  EXPECT_FALSE(b.observe(d2, repeat).conformant);
  Request bad = d;
  requests::set_param(bad, "NextToken", "garbage");
  EXPECT_TRUE(has_code(b.allowed(bad).front(), "InvalidParameter"));
  Request ids = requests::describe(kHz);
  requests::set_param(ids, "PairIds", "pair-b,pair-zzz");
  for (const Outcome& o : b.allowed(ids)) EXPECT_EQ(o.describe.candidates.size(), 1u);
}

// §11 O9: a NextToken walk owes the pairs its query listed when it began; a pair that joined the
// listing later, or a token sent with another query, may be listed or not.
TEST(Operations, O9_AWalkOwesThePairsOfItsFirstPage) {
  Universe u = universe();
  u.disks.push_back({"d-hz-3", kHz, kHzZone});
  u.disks.push_back({"d-sh-3", kSh, kShZone});
  for (bool joiners_required : {false, true}) {
    Profile profile = default_profile();
    profile.o9_walk_joiners_required = joiners_required;
    BeliefSet b(u, profile);
    ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created("pair-a")).conformant);
    ASSERT_TRUE(b.observe(requests::create(hz_to_sh("", "d-hz-2", "d-sh-2")), created("pair-b"))
                    .conformant);
    Request d = requests::describe(kHz);
    requests::set_param(d, "MaxResults", "1");
    Observed page1 = b.example(d, 0);
    ASSERT_EQ(page1.pairs.at(0).replica_pair_id, "pair-a");
    ASSERT_TRUE(b.observe(d, page1).conformant);
    ASSERT_TRUE(b.observe(requests::create(hz_to_sh("", "d-hz-3", "d-sh-3")), created("pair-c"))
                    .conformant);
    Request next = d;
    requests::set_param(next, "NextToken", *page1.next_token);
    requests::set_param(next, "MaxResults", "10");                // the rest in one page
    const Observed full = b.example(requests::describe(kHz), 0);  // pair-a, pair-b, pair-c
    ASSERT_EQ(full.pairs.size(), 3u);
    auto last_page = [&](std::vector<std::size_t> items) {
      static int id = 0;
      Observed o = b.example(next, 0);
      o.pairs.clear();
      for (std::size_t i : items) o.pairs.push_back(full.pairs[i]);
      o.next_token = "";
      o.request_id = "rid-walk-" + std::to_string(++id);
      BeliefSet copy = b;
      return copy.observe(next, o).conformant;
    };
    EXPECT_TRUE(last_page({1, 2}));                // everything the walk has not listed
    EXPECT_EQ(last_page({1}), !joiners_required);  // pair-c joined after the first page
    EXPECT_FALSE(last_page({2}));                  // pair-b was owed: describe-skips-pair
    EXPECT_FALSE(last_page({0, 1}));               // pair-a twice over the pages
    // The token sent with another query (the same pairs, seen from their backup site).
    Request other = next;
    requests::set_param(other, "RegionId", kSh);
    requests::set_param(other, "Site", "backup");
    Observed o = b.example(other, 0);
    o.pairs.clear();
    o.next_token = "";
    o.request_id = "rid-other-query";
    EXPECT_TRUE(BeliefSet(b).observe(other, o).conformant) << "may list none";
    // Its own NextToken continues no walk either: the next page again may list none.
    BeliefSet c = b;
    requests::set_param(other, "MaxResults", "1");
    o = c.example(other, 0);  // one pair, seen from its backup site
    ASSERT_EQ(o.pairs.size(), 1u);
    o.next_token = "nt-other";
    ASSERT_TRUE(c.observe(other, o).conformant);
    Request after = other;
    requests::set_param(after, "NextToken", "nt-other");
    Observed empty = c.example(after, 0);
    empty.pairs.clear();
    empty.next_token = "";
    empty.request_id = "rid-after-other";
    EXPECT_TRUE(c.observe(after, empty).conformant);
  }
}

TEST(Operations, O9_WrongStatusInListingRejected) {
  BeliefSet b(universe(), default_profile());
  ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created("pair-a")).conformant);
  Request d = requests::describe(kHz);
  Observed o = b.example(d, 0);
  ASSERT_EQ(o.pairs.size(), 1u);
  o.pairs[0].status = "normal";
  Verdict v = b.observe(d, o);
  EXPECT_FALSE(v.conformant);
  EXPECT_TRUE(has_rule(v.rule_ids, RuleId::kO9));
}

TEST(Operations, O10_ProgressNeverDecreasesWithinASync) {
  Stepper run;
  Universe u = universe();
  BeliefSet b(u, default_profile());
  ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created("pair-a")).conformant);
  Request desc = requests::describe(kHz);
  Observed listed = b.example(desc, 0);
  listed.pairs.at(0).status = "created";
  ASSERT_TRUE(b.observe(desc, listed).conformant);
  ASSERT_TRUE(b.observe(requests::start(kHz, "pair-a"), response(200)).conformant);
  Observed p = response(200);
  p.progress = 40;
  p.recover_point = 0;
  ASSERT_TRUE(b.observe(requests::progress(kHz, "pair-a"), p).conformant);
  // Still initial_syncing in some world: 30 < 40 only if a new sync began (normal -> syncing).
  p.request_id = "rid-p2";
  p.progress = 30;
  Verdict stale = b.observe(requests::progress(kHz, "pair-a"), p);
  EXPECT_FALSE(stale.conformant);  // a new sync means a completed one: RecoverPoint > 0
  p.request_id = "rid-p2b";
  p.recover_point = 1'700'000'000;
  Verdict v = b.observe(requests::progress(kHz, "pair-a"), p);
  EXPECT_TRUE(v.conformant) << v.message;  // explained by initial_syncing -> normal -> syncing
  p.request_id = "rid-p3";
  p.progress = 101;
  EXPECT_FALSE(b.observe(requests::progress(kHz, "pair-a"), p).conformant);
  // A stopped pair before any completed sync: RecoverPoint must be 0, Progress frozen.
  World w = world_with(S::kStopped);
  w.pair(kPair)->progress_floor = 70;
  Outcome o = run(w, requests::progress(kHz, kPair)).outcome;
  EXPECT_EQ(o.progress.progress_floor, 70);
  EXPECT_FALSE(o.progress.synced);
}

// A judge under `profile` that knows pair-a `created`: its Create answered, then a Describe
// showing it.
BeliefSet with_pair_a_created(const Profile& profile) {
  BeliefSet b(universe(), profile);
  EXPECT_TRUE(b.observe(requests::create(hz_to_sh()), created("pair-a")).conformant);
  Request desc = requests::describe(kHz);
  Observed listed = b.example(desc, 0);
  listed.pairs.at(0).status = "created";
  EXPECT_TRUE(b.observe(desc, listed).conformant);
  return b;
}

// §11 O10: from a completed sync until the next starts, Progress is 100 (knob
// O10.progress_full_after_sync); off, any value that never decreases, as before.
TEST(Operations, O10_ProgressIsFullBetweenSyncs) {
  for (const bool full : {true, false}) {
    Profile profile = default_profile();
    profile.o10_progress_full_after_sync = full;
    BeliefSet b = with_pair_a_created(profile);
    ASSERT_TRUE(b.observe(requests::start(kHz, "pair-a", true), response(200)).conformant);
    // The OneShot sync is seen completed: the pair is stopped and has a recover point.
    Request desc = requests::describe(kHz);
    Observed listed = b.example(desc, 0);
    listed.pairs.at(0).status = "stopped";
    listed.pairs.at(0).last_recover_point = 1'700'000'000;
    listed.request_id = "rid-stopped";
    Verdict seen = b.observe(desc, listed);
    ASSERT_TRUE(seen.conformant) << seen.message;
    Observed p = response(200);
    p.progress = 99;
    p.recover_point = 1'700'000'000;
    Verdict v = b.observe(requests::progress(kHz, "pair-a"), p);
    EXPECT_EQ(v.conformant, !full) << v.message;
    if (full) {
      EXPECT_TRUE(has_rule(v.rule_ids, RuleId::kO10)) << v.message;
      p.request_id = "rid-full";
      p.progress = 100;
      EXPECT_TRUE(b.observe(requests::progress(kHz, "pair-a"), p).conformant);
    }
  }
}

// §11 O9: a Describe item's LastRecoverPoint is judged as O10's RecoverPoint ("the last completed
// replication"): 0 before the first completed sync, > 0 after it, never below what was seen (a
// Describe's or a Progress's); knob O9.last_recover_point off: not compared.
TEST(Operations, O9_LastRecoverPointAgreesWithProgress) {
  for (const bool judged : {true, false}) {
    Profile profile = default_profile();
    profile.o9_last_recover_point = judged;
    BeliefSet b = with_pair_a_created(profile);
    Request desc = requests::describe(kHz);
    Observed listed = b.example(desc, 0);
    ASSERT_EQ(listed.pairs.at(0).status, "created");
    listed.pairs.at(0).last_recover_point = 1'700'000'000;  // a recover point with no sync yet
    Verdict early = b.observe(desc, listed);
    EXPECT_EQ(early.conformant, !judged) << early.message;
    if (judged) {
      EXPECT_TRUE(has_rule(early.rule_ids, RuleId::kO9)) << early.message;
      EXPECT_NE(early.message.find("LastRecoverPoint=0"), std::string::npos) << early.message;
    }
    listed.pairs.at(0).last_recover_point = 0;
    listed.request_id = "rid-created";
    ASSERT_TRUE(b.observe(desc, listed).conformant);
    ASSERT_TRUE(b.observe(requests::start(kHz, "pair-a", true), response(200)).conformant);
    listed.pairs.at(0).status = "stopped";  // the OneShot sync completed
    listed.pairs.at(0).last_recover_point = 0;
    listed.request_id = "rid-stopped-0";
    EXPECT_EQ(b.observe(desc, listed).conformant, !judged);
    listed.pairs.at(0).last_recover_point = 1'700'000'100;
    listed.request_id = "rid-stopped";
    ASSERT_TRUE(b.observe(desc, listed).conformant);
    listed.pairs.at(0).last_recover_point = 1'700'000'050;  // went back
    listed.request_id = "rid-back";
    EXPECT_EQ(b.observe(desc, listed).conformant, !judged);
    Observed p = response(200);  // the floor a Describe saw binds Progress's RecoverPoint too
    p.progress = 100;
    p.recover_point = 1'700'000'050;
    EXPECT_EQ(b.observe(requests::progress(kHz, "pair-a"), p).conformant, !judged);
  }
}

TEST(Operations, X1_AttachDisk) {
  Stepper run;
  StepResult a = run(World{}, requests::attach("i-hz-1", "d-hz-1"));
  ASSERT_TRUE(a.outcome.success());
  EXPECT_NE(a.world.instance_of("d-hz-1"), nullptr);
  EXPECT_TRUE(
      has_code(run(a.world, requests::attach("i-hz-1", "d-hz-1")).outcome, "IncorrectDiskStatus"));
  EXPECT_TRUE(
      has_code(run(World{}, requests::attach("i-hz-1", "d-no")).outcome, "InvalidDiskId.NotFound"));
  EXPECT_TRUE(has_code(run(World{}, requests::attach("i-no", "d-hz-1")).outcome,
                       "InvalidInstanceId.NotFound"));
  EXPECT_TRUE(
      has_code(run(World{}, requests::attach("i-no", "d-no")).outcome, "InvalidDiskId.NotFound"));
  EXPECT_TRUE(
      run(World{}, requests::attach("i-sh-1", "d-hz-1")).outcome.success());  // zones unchecked
}

TEST(Operations, X2_DetachDisk) {
  Stepper run;
  World w;
  w.attach("d-hz-1", "i-hz-1");
  EXPECT_TRUE(
      has_code(run(w, requests::detach("i-sh-1", "d-hz-1")).outcome, "IncorrectDiskStatus"));
  EXPECT_TRUE(
      has_code(run(w, requests::detach("i-hz-1", "d-hz-2")).outcome, "IncorrectDiskStatus"));
  EXPECT_TRUE(has_code(run(w, requests::detach("i-no", "d-no")).outcome, "InvalidDiskId.NotFound"));
  StepResult d = run(w, requests::detach("i-hz-1", "d-hz-1"));
  ASSERT_TRUE(d.outcome.success());
  EXPECT_EQ(d.world.instance_of("d-hz-1"), nullptr);
}

TEST(Operations, X3_DestinationAttachableOnlyWhenFailoveredOrDeleted) {
  Stepper run;
  for (PairStatus s : all_statuses()) {
    SCOPED_TRACE(std::string(to_string(s)));
    World w = world_with(s);
    bool ok = s == S::kFailovered || s == S::kDeleted;
    Outcome o = run(w, requests::attach("i-sh-1", "d-sh-1")).outcome;
    EXPECT_EQ(o.success(), ok);
    if (!ok) {
      EXPECT_TRUE(has_code(o, "IncorrectDiskStatus") && has_rule(o.rule_ids, RuleId::kX3));
    }
    EXPECT_TRUE(run(w, requests::attach("i-hz-1", "d-hz-1")).outcome.success());  // source: always
  }
}

}  // namespace
}  // namespace paircheck::model
