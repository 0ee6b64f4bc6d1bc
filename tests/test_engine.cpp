// indeval::engine: every task once, threads only when asked for, concurrent loops each with their
// own helpers, exceptions carried to the caller, idle threads asleep, engines made and destroyed
// concurrently.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <stdexcept>
#include <thread>
#include <vector>

#include "indeval/engine.hpp"

namespace {

using indeval::engine;
using namespace std::chrono_literals;

// Waits (with a deadline) until `count` reaches `want`; false when it never does.
bool wait_for(const std::atomic<int>& count, int want, std::chrono::seconds limit = 20s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (count.load() < want) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

TEST(Engine, EveryTaskRunsExactlyOnce) {
  engine e;
  for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
    for (std::size_t tasks : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{1000}}) {
      std::vector<std::atomic<int>> seen(tasks);
      e.parallel_for(tasks, threads, [&](std::size_t i) { seen[i].fetch_add(1); });
      for (std::size_t i = 0; i < tasks; ++i)
        ASSERT_EQ(seen[i].load(), 1) << "task " << i << " of " << tasks << ", threads " << threads;
    }
  }
}

TEST(Engine, StartsThreadsOnlyWhenAskedAndKeepsThem) {
  engine e;
  EXPECT_EQ(e.workers(), 0u);
  e.parallel_for(100, 1, [](std::size_t) {});
  EXPECT_EQ(e.workers(), 0u) << "one thread asked for: the caller's";
  e.parallel_for(1, 4, [](std::size_t) {});
  EXPECT_EQ(e.workers(), 0u) << "one task needs no helper";
  e.parallel_for(100, 3, [](std::size_t) {});
  EXPECT_EQ(e.workers(), 2u);
  e.parallel_for(100, 3, [](std::size_t) {});
  EXPECT_EQ(e.workers(), 2u) << "threads are reused";
}

TEST(Engine, UsesTheThreadsItIsGiven) {
  // Three tasks that each wait for the others: done only if three threads run them at once.
  engine e;
  std::atomic<int> arrived{0};
  std::atomic<int> gave_up{0};
  e.parallel_for(3, 3, [&](std::size_t) {
    arrived.fetch_add(1);
    if (!wait_for(arrived, 3)) gave_up.fetch_add(1);
  });
  EXPECT_EQ(gave_up.load(), 0);
}

TEST(Engine, ConcurrentCallersAreNotSerialised) {
  // Two callers, two threads each, on one engine: four tasks that wait for each other finish only
  // if both loops get their helper at the same time.
  engine e;
  std::atomic<int> arrived{0};
  std::atomic<int> gave_up{0};
  const auto job = [&] {
    e.parallel_for(2, 2, [&](std::size_t) {
      arrived.fetch_add(1);
      if (!wait_for(arrived, 4)) gave_up.fetch_add(1);
    });
  };
  std::thread a(job), b(job);
  a.join();
  b.join();
  EXPECT_EQ(gave_up.load(), 0);
  EXPECT_EQ(e.workers(), 2u);
}

TEST(Engine, ManyCallersOnOneEngine) {
  engine e;
  constexpr int callers = 6;
  std::vector<std::thread> threads;
  std::atomic<long> total{0};
  for (int c = 0; c < callers; ++c) {
    threads.emplace_back([&, c] {
      for (int round = 0; round < 50; ++round) {
        std::vector<int> out(257, 0);
        e.parallel_for(out.size(), static_cast<unsigned>(1 + (c + round) % 4),
                       [&](std::size_t i) { out[i] = static_cast<int>(i) + 1; });
        long sum = 0;
        for (int x : out) sum += x;
        total.fetch_add(sum);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(total.load(), long{callers} * 50 * (257L * 258 / 2));
}

TEST(Engine, EnginesMadeAndDestroyedConcurrently) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int c = 0; c < 4; ++c) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        engine e;
        std::atomic<int> n{0};
        e.parallel_for(64, 3, [&](std::size_t) { n.fetch_add(1); });
        if (n.load() == 64) ok.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
}

TEST(Engine, TheFirstExceptionReachesTheCaller) {
  engine e;
  for (unsigned threads : {1u, 4u}) {
    std::atomic<int> ran{0};
    try {
      e.parallel_for(10000, threads, [&](std::size_t i) {
        ran.fetch_add(1);
        if (i == 3) throw std::runtime_error("task 3");
        // Later tasks take a while, so that other threads cannot finish them all before the
        // failure is recorded (under a sanitizer, throwing takes long).
        if (threads > 1 && i > 3) std::this_thread::sleep_for(std::chrono::microseconds(50));
      });
      ADD_FAILURE() << "no exception, threads " << threads;
    } catch (const std::runtime_error& err) {
      EXPECT_STREQ(err.what(), "task 3");
    }
    if (threads == 1) {
      EXPECT_EQ(ran.load(), 4) << "one thread runs the tasks in order and stops at the failure";
    }
    EXPECT_LT(ran.load(), 10000) << "tasks after the failure are skipped";
    // The engine still works.
    std::atomic<int> n{0};
    e.parallel_for(100, threads, [&](std::size_t) { n.fetch_add(1); });
    EXPECT_EQ(n.load(), 100);
  }
}

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

TEST(Engine, IdleThreadsSleep) {
  engine e;
  e.parallel_for(100, 4, [](std::size_t) {});
  ASSERT_EQ(e.workers(), 3u);
  std::this_thread::sleep_for(20ms);
  const double before = process_cpu_seconds();
  std::this_thread::sleep_for(300ms);
  const double used = process_cpu_seconds() - before;
  // Three spinning threads would use about 0.9 s of CPU here; sleeping ones next to nothing.
  EXPECT_LT(used, 0.05) << "CPU seconds used by idle workers in 0.3 s";
}

TEST(Engine, DefaultEngineIsOneObject) {
  EXPECT_EQ(&indeval::default_engine(), &indeval::default_engine());
  EXPECT_GE(engine::hardware_threads(), 1u);
}

}  // namespace
