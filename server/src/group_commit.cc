#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <future>

#include "store.h"

namespace wafer {
namespace server {

GroupCommitter::GroupCommitter(Store* store, size_t max_batch,
                               std::function<void(std::function<void()>)> run_completions)
    : store_(store),
      max_batch_(max_batch),
      run_completions_(std::move(run_completions)),
      writer_([this] { Run(); }) {}

GroupCommitter::~GroupCommitter() { Stop(); }

void GroupCommitter::SubmitAsync(Receipt receipt, std::function<void(InsertOutcome)> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      const bool was_empty = queue_.empty();
      queue_.push_back(Pending{std::make_shared<const Receipt>(std::move(receipt)), std::move(done)});
      if (was_empty) wake_writer_.notify_one();
      return;
    }
  }
  InsertOutcome outcome;
  outcome.status = absl::UnavailableError("the server is shutting down");
  done(std::move(outcome));
}

InsertOutcome GroupCommitter::Submit(const Receipt& receipt) {
  std::promise<InsertOutcome> promise;
  std::future<InsertOutcome> result = promise.get_future();
  SubmitAsync(receipt, [&promise](InsertOutcome o) { promise.set_value(std::move(o)); });
  return result.get();
}

void GroupCommitter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !writer_.joinable()) return;
    stopping_ = true;
  }
  wake_writer_.notify_all();
  if (writer_.joinable()) writer_.join();
}

uint64_t GroupCommitter::batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return batches_;
}

uint64_t GroupCommitter::receipts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return receipts_;
}

double GroupCommitter::busy_seconds() const {
  std::lock_guard<std::mutex> lock(mu_);
  return busy_seconds_;
}

void GroupCommitter::Run() {
  // Every request waits on this one thread: ask for a larger CPU share than
  // the request threads (allowed when privileged; harmless otherwise).
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), -10);
  pthread_setname_np(pthread_self(), "wafer-writer");
  std::vector<Pending> batch;
  std::vector<const Receipt*> receipts;
  std::vector<InsertOutcome> outcomes;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_writer_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // Stopping and drained.
      batch.clear();
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    receipts.clear();
    for (const Pending& p : batch) receipts.push_back(p.receipt.get());
    outcomes.clear();
    auto start = std::chrono::steady_clock::now();
    absl::Status status = store_->InsertBatch(receipts, &outcomes);
    double busy = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++batches_;
      receipts_ += batch.size();
      busy_seconds_ += busy;
    }
    // Settle the batch: every request is answered only now that its
    // transaction is durable (or failed).
    auto settle = [batch = std::move(batch), outcomes = std::move(outcomes), status]() mutable {
      for (size_t i = 0; i < batch.size(); ++i) {
        InsertOutcome o;
        if (status.ok() && i < outcomes.size()) {
          o = std::move(outcomes[i]);
        } else {
          o.status = status.ok() ? absl::InternalError("store returned no outcome") : status;
        }
        batch[i].done(std::move(o));
      }
    };
    if (run_completions_) {
      run_completions_(std::move(settle));
    } else {
      settle();
    }
    batch.clear();
    outcomes.clear();
  }
}

}  // namespace server
}  // namespace wafer
