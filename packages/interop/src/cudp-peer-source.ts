/**
 * The C source of a plain UDP echo peer (no ENet), the reference line of `pnpm bench enet`: what
 * the same echo costs on a bare socket, in C and in `node:dgram`, so that the ENet figures can be
 * read against the ceiling of the socket layer under them. Driven like the C ENet peer (see
 * `cenet.ts`): commands on stdin, results on stdout.
 *
 * - `--echo`: binds 127.0.0.1 on a free port, prints `READY <port>` and sends every datagram
 *   back to its sender (reading until the socket is empty, then waiting again, as an event loop
 *   would). Commands: `cpu` (`CPU <user µs> <system µs>`), `quit`.
 * - `--client <ip> <port>`: prints `READY <local port>`. Commands: `flood <count> <size>
 *   <window>` (`count` echoes with `window` datagrams in flight; a datagram that does not come
 *   back within 50 ms is sent again and counted; prints `FLOOD <echoes> <ms> <resent>`) and
 *   `pingpong <count> <size>` (sequential round trips; prints `PINGPONG <n> <p50 µs> <p99 µs>`),
 *   `quit`.
 */
export const CUDP_PEER_SOURCE = String.raw`/* A plain UDP echo server / flood client for @pp's benchmarks: commands on stdin. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int sock;
static unsigned char buffer[65536];

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Waits up to ms for a datagram; returns its length or -1. */
static int receive_within(int ms) {
  struct pollfd fd = { sock, POLLIN, 0 };
  if (poll(&fd, 1, ms) <= 0) return -1;
  return (int)recv(sock, buffer, sizeof buffer, 0);
}

static void flood(unsigned count, unsigned size, unsigned window) {
  unsigned char payload[65536];
  memset(payload, 0x5a, size);
  unsigned done = 0, queued = window < count ? window : count, resent = 0;
  double start = now_us();
  for (unsigned i = 0; i < queued; i++) send(sock, payload, size, 0);
  while (done < count) {
    if (receive_within(50) < 0) {
      resent++;
      send(sock, payload, size, 0);
      continue;
    }
    done++;
    if (queued < count) {
      queued++;
      send(sock, payload, size, 0);
    }
  }
  printf("FLOOD %u %.1f %u\n", done, (now_us() - start) / 1000, resent);
  /* Late echoes of resent datagrams must not count in the next run. */
  while (receive_within(20) >= 0) {}
}

static void pingpong(unsigned count, unsigned size) {
  unsigned char payload[65536];
  memset(payload, 0x5a, size);
  double *rtts = malloc(sizeof *rtts * count);
  for (unsigned i = 0; i < count; i++) {
    double sent = now_us();
    send(sock, payload, size, 0);
    while (receive_within(50) < 0) send(sock, payload, size, 0);
    rtts[i] = now_us() - sent;
  }
  qsort(rtts, count, sizeof *rtts, compare);
  printf("PINGPONG %u %.1f %.1f\n", count, rtts[count / 2], rtts[(unsigned)(count * 0.99)]);
  free(rtts);
}

static void command(char *line) {
  char verb[32];
  unsigned a = 0, b = 0, c = 0;
  if (sscanf(line, "%31s %u %u %u", verb, &a, &b, &c) < 1) return;
  if (strcmp(verb, "flood") == 0 && a > 0 && b > 0 && b <= sizeof buffer) flood(a, b, c ? c : 1);
  else if (strcmp(verb, "pingpong") == 0 && a > 0 && b > 0 && b <= sizeof buffer) pingpong(a, b);
  else if (strcmp(verb, "cpu") == 0) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("CPU %.0f %.0f\n", usage.ru_utime.tv_sec * 1e6 + usage.ru_utime.tv_usec, usage.ru_stime.tv_sec * 1e6 + usage.ru_stime.tv_usec);
  } else if (strcmp(verb, "quit") == 0) {
    fflush(stdout);
    exit(0);
  }
}

int main(int argc, char **argv) {
  int echo = argc > 1 && strcmp(argv[1], "--echo") == 0;
  if (!echo && !(argc > 3 && strcmp(argv[1], "--client") == 0)) { printf("FAIL usage\n"); return 1; }
  setvbuf(stdout, NULL, _IOLBF, 0);
  sock = socket(AF_INET, SOCK_DGRAM, 0);
  int size = 256 * 1024; /* as ENet and the Node servers ask */
  setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(sock, (struct sockaddr *)&address, sizeof address) != 0) { printf("FAIL bind\n"); return 1; }
  if (!echo) {
    struct sockaddr_in server;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    inet_pton(AF_INET, argv[2], &server.sin_addr);
    server.sin_port = htons((unsigned short)atoi(argv[3]));
    if (connect(sock, (struct sockaddr *)&server, sizeof server) != 0) { printf("FAIL connect\n"); return 1; }
  }
  socklen_t length = sizeof address;
  getsockname(sock, (struct sockaddr *)&address, &length);
  printf("READY %u\n", ntohs(address.sin_port));
  char line[4096];
  size_t used = 0;
  for (;;) {
    struct pollfd fds[2] = { { 0, POLLIN, 0 }, { sock, POLLIN, 0 } };
    if (poll(fds, echo ? 2 : 1, -1) < 0) continue;
    if (echo && (fds[1].revents & POLLIN)) {
      for (;;) {
        struct sockaddr_in from;
        socklen_t fromLength = sizeof from;
        ssize_t n = recvfrom(sock, buffer, sizeof buffer, MSG_DONTWAIT, (struct sockaddr *)&from, &fromLength);
        if (n < 0) break;
        sendto(sock, buffer, (size_t)n, 0, (struct sockaddr *)&from, fromLength);
      }
    }
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      ssize_t n = read(0, line + used, sizeof line - 1 - used);
      if (n <= 0) break;
      used += (size_t)n;
      line[used] = 0;
      char *start = line, *nl;
      while ((nl = strchr(start, '\n')) != NULL) { *nl = 0; command(start); start = nl + 1; }
      used = strlen(start);
      memmove(line, start, used + 1);
    }
  }
  return 0;
}
`;
