// nv_sample_site: serves the test server's sample news pages on 127.0.0.1 for
// `scripts/run`'s demo, so the demo never touches a real site.
//
// Prints "http://127.0.0.1:PORT" on stdout once it accepts connections, then
// serves until SIGTERM/SIGINT or until stdin closes.
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "tests/support/test_server.h"

int main() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  // Block the signals in every thread; the main thread waits for them below.
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  newsvault::testing::TestServer server;
  std::cout << server.Url("") << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  return 0;
}
