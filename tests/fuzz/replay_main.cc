// replay_main.cc — runs a fuzz target over its corpus without libFuzzer.
//
// Linked with one *_fuzzer.cc by the ordinary (g++) build, so that CI replays
// every committed corpus file through the same checks the fuzzer makes:
//
//   fuzz_replay_cookie_header tests/fuzz/corpus/cookie_header
//
// Each argument is a file or a directory (read recursively, in sorted order so
// that runs are reproducible). A failed check inside the target aborts, which
// ctest reports as a failure after the name of the input that caused it; -v
// prints every input's name as it runs.
// Exits 1 if an argument cannot be read or a directory holds no input at all.

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Optional in a target, as with libFuzzer.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {

namespace fs = std::filesystem;

const char* g_current = nullptr;  // The input being run, for the crash handler.

void OnCrash(int sig) {
  if (g_current != nullptr) {
    constexpr char kPrefix[] = "replay: crashed on input ";
    (void)!write(STDERR_FILENO, kPrefix, sizeof(kPrefix) - 1);
    (void)!write(STDERR_FILENO, g_current, std::strlen(g_current));
    (void)!write(STDERR_FILENO, "\n", 1);
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, OnCrash);
  bool verbose = false;
  std::vector<fs::path> files;
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-v") == 0) {
      verbose = true;
      continue;
    }
    const fs::path arg(argv[i]);
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(arg, ec)) {
        if (entry.is_regular_file()) found.push_back(entry.path());
      }
      if (ec || found.empty()) {
        std::fprintf(stderr, "replay: %s: %s\n", argv[i],
                     ec ? ec.message().c_str() : "no input files");
        status = 1;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(arg, ec)) {
      files.push_back(arg);
    } else {
      std::fprintf(stderr, "replay: %s: no such file or directory\n", argv[i]);
      status = 1;
    }
  }

  std::string bytes;
  for (const fs::path& file : files) {
    if (!ReadFile(file, &bytes)) {
      std::fprintf(stderr, "replay: %s: cannot read\n", file.c_str());
      status = 1;
      continue;
    }
    if (verbose) std::fprintf(stderr, "replay: %s (%zu bytes)\n", file.c_str(), bytes.size());
    // A copy in a buffer of exactly the input's size, so that an overread is
    // as visible to a sanitizer as it is under libFuzzer.
    std::vector<uint8_t> input(bytes.begin(), bytes.end());
    g_current = file.c_str();
    LLVMFuzzerTestOneInput(input.data(), input.size());
    g_current = nullptr;
  }
  std::printf("replay: %zu inputs run\n", files.size());
  return status;
}
