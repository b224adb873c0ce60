/**
 * The C source of the scriptable libenet peer the ENet interop tests and benchmarks run (see
 * `cenet.ts`). Commands arrive on stdin, one per line; events go to stdout:
 *
 * - `READY <port>` once the host is up (a client then connects by itself);
 * - `CONNECT <peer> <data> <channels>`, `DISCONNECT <peer> <data>`;
 * - `RECEIVE <peer> <channel> <flags> <length> <fnv1a-32 hex> <payload hex if ≤ 1024 bytes>`.
 *
 * Commands: `send <peer> <channel> <flags> <length> <seed>` (a `pattern(length, seed)` payload),
 * `burst <peer> <channel> <flags> <count> <length> <seed>` (seeds seed … seed+count−1),
 * `sendhex <peer> <channel> <flags> <hex|->`, `disconnect|disconnect_later|disconnect_now <peer>
 * <data>`, `timeout <peer> <limit> <min> <max>`, `info <peer>`, `count` (connected peers),
 * `rss` (the process's resident memory), `cpu` (its CPU time: `CPU <user µs> <system µs>`),
 * `stats` (the host's datagram counters: `STATS <sent> <received>`),
 * `quit`; and two benchmarks against an echoing peer: `pingpong <peer> <channel> <count> <size>`
 * (sequential reliable round trips; prints `PINGPONG <n> <p50 µs> <p99 µs>`) and
 * `flood <peer> <channel> <count> <size> <window>` (`count` reliable echoes with `window` in
 * flight; prints `FLOOD <echoes> <ms>`).
 *
 * Options: `--server <port>` | `--client <ip> <port>`, `--peers n`, `--channels n`, `--data n`,
 * `--in-bw n`, `--out-bw n`, `--range-coder`, `--crc32`, `--echo` (send every packet back; the
 * echoes leave with the next service, packed as ENet packs them, as an ENet server would),
 * `--quiet` (no RECEIVE lines), `--clients n` (a client host making n connections).
 */
export const CENET_PEER_SOURCE = String.raw`/* A scriptable C libenet peer for @pp's interop tests: commands on stdin, events on stdout. */
#include <enet/enet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static ENetHost *host;
static int echo = 0, quiet = 0;

/* Benchmarks driven from stdin: sequential reliable ping-pongs, or a window of echoes. */
static enum { BENCH_NONE, BENCH_PINGPONG, BENCH_FLOOD } bench = BENCH_NONE;
static ENetPeer *benchPeer;
static unsigned benchChannel, benchSize, benchTarget, benchDone, benchWindow, benchQueued;
static double benchStart, benchSent;
static double *rtts;

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void bench_send(void) {
  ENetPacket *packet = enet_packet_create(NULL, benchSize, ENET_PACKET_FLAG_RELIABLE);
  memset(packet->data, 0x5a, benchSize);
  if (enet_peer_send(benchPeer, (enet_uint8)benchChannel, packet) < 0) enet_packet_destroy(packet);
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void bench_received(void) {
  double t = now_us();
  if (bench == BENCH_PINGPONG) {
    rtts[benchDone++] = t - benchSent;
    if (benchDone == benchTarget) {
      qsort(rtts, benchDone, sizeof *rtts, compare);
      printf("PINGPONG %u %.1f %.1f\n", benchDone, rtts[benchDone / 2], rtts[(unsigned)(benchDone * 0.99)]);
      free(rtts);
      bench = BENCH_NONE;
      return;
    }
    benchSent = t;
    bench_send();
    enet_host_flush(host);
  } else if (bench == BENCH_FLOOD) {
    benchDone++;
    if (benchDone == benchTarget) {
      printf("FLOOD %u %.1f\n", benchDone, (t - benchStart) / 1000);
      bench = BENCH_NONE;
      return;
    }
    if (benchQueued < benchTarget) {
      benchQueued++;
      bench_send();
    }
  }
}

static void pattern(unsigned char *out, size_t length, unsigned seed) {
  unsigned x = seed * 2654435761u;
  for (size_t i = 0; i < length; i++) { x = x * 1103515245u + 12345u; out[i] = (unsigned char)(x >> 24); }
}

static unsigned fnv(const unsigned char *data, size_t length) {
  unsigned h = 2166136261u;
  for (size_t i = 0; i < length; i++) { h ^= data[i]; h *= 16777619u; }
  return h;
}

static int index_of(ENetPeer *peer) { return (int)(peer - host->peers); }

static ENetPeer *peer_at(int index) {
  if (index < 0 || (size_t)index >= host->peerCount) return NULL;
  return &host->peers[index];
}

static void handle(ENetEvent *event) {
  switch (event->type) {
  case ENET_EVENT_TYPE_CONNECT:
    printf("CONNECT %d %u %u\n", index_of(event->peer), event->data, (unsigned)event->peer->channelCount);
    break;
  case ENET_EVENT_TYPE_DISCONNECT:
    printf("DISCONNECT %d %u\n", index_of(event->peer), event->data);
    break;
  case ENET_EVENT_TYPE_RECEIVE: {
    ENetPacket *p = event->packet;
    if (bench != BENCH_NONE && event->peer == benchPeer) {
      enet_packet_destroy(p);
      bench_received();
      break;
    }
    if (!quiet) {
      printf("RECEIVE %d %u %u %u %08x ", index_of(event->peer), event->channelID, p->flags & 0xff, (unsigned)p->dataLength,
             fnv(p->data, p->dataLength));
      if (p->dataLength <= 1024) for (size_t i = 0; i < p->dataLength; i++) printf("%02x", p->data[i]);
      printf("\n");
    }
    if (echo) {
      ENetPacket *copy = enet_packet_create(p->data, p->dataLength, p->flags & (ENET_PACKET_FLAG_RELIABLE | ENET_PACKET_FLAG_UNSEQUENCED | ENET_PACKET_FLAG_UNRELIABLE_FRAGMENT));
      if (enet_peer_send(event->peer, event->channelID, copy) < 0) enet_packet_destroy(copy);
    }
    enet_packet_destroy(p);
    break;
  }
  default:
    break;
  }
}

static int hexval(char c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

static void command(char *line) {
  char verb[32];
  int peerIndex = -1;
  if (sscanf(line, "%31s %d", verb, &peerIndex) < 1) return;
  ENetPeer *peer = peer_at(peerIndex);
  if (strcmp(verb, "send") == 0 || strcmp(verb, "burst") == 0) {
    unsigned channel, flags, length, seed, count = 1;
    if (strcmp(verb, "send") == 0) {
      if (sscanf(line, "%*s %*d %u %u %u %u", &channel, &flags, &length, &seed) != 4 || !peer) return;
    } else if (sscanf(line, "%*s %*d %u %u %u %u %u", &channel, &flags, &count, &length, &seed) != 5 || !peer) {
      return;
    }
    for (unsigned i = 0; i < count; i++) {
      ENetPacket *packet = enet_packet_create(NULL, length, flags);
      pattern(packet->data, length, seed + i);
      if (enet_peer_send(peer, (enet_uint8)channel, packet) < 0) { enet_packet_destroy(packet); printf("SENDFAIL\n"); }
    }
    enet_host_flush(host);
    printf("SENT %u\n", count);
  } else if (strcmp(verb, "sendhex") == 0) {
    unsigned channel, flags;
    char hex[8192];
    hex[0] = 0;
    if (sscanf(line, "%*s %*d %u %u %8191s", &channel, &flags, hex) < 2 || !peer) return;
    if (strcmp(hex, "-") == 0) hex[0] = 0;
    size_t length = strlen(hex) / 2;
    ENetPacket *packet = enet_packet_create(NULL, length, flags);
    for (size_t i = 0; i < length; i++) packet->data[i] = (unsigned char)(hexval(hex[2 * i]) * 16 + hexval(hex[2 * i + 1]));
    if (enet_peer_send(peer, (enet_uint8)channel, packet) < 0) { enet_packet_destroy(packet); printf("SENDFAIL\n"); }
    enet_host_flush(host);
    printf("SENT 1\n");
  } else if (strcmp(verb, "disconnect") == 0 || strcmp(verb, "disconnect_later") == 0 || strcmp(verb, "disconnect_now") == 0) {
    unsigned data = 0;
    sscanf(line, "%*s %*d %u", &data);
    if (!peer) return;
    if (strcmp(verb, "disconnect") == 0) enet_peer_disconnect(peer, data);
    else if (strcmp(verb, "disconnect_later") == 0) enet_peer_disconnect_later(peer, data);
    else enet_peer_disconnect_now(peer, data);
    enet_host_flush(host);
    printf("OK\n");
  } else if (strcmp(verb, "info") == 0) {
    if (!peer) return;
    printf("INFO %d %d %u %u %u %u %u %u %u\n", peerIndex, peer->state, peer->roundTripTime, peer->packetThrottle,
           peer->packetThrottleLimit, peer->windowSize, peer->incomingBandwidth, peer->outgoingBandwidth, (unsigned)peer->channelCount);
  } else if (strcmp(verb, "timeout") == 0) {
    unsigned limit, minimum, maximum;
    if (sscanf(line, "%*s %*d %u %u %u", &limit, &minimum, &maximum) == 3 && peer) enet_peer_timeout(peer, limit, minimum, maximum);
    printf("OK\n");
  } else if (strcmp(verb, "pingpong") == 0) {
    if (sscanf(line, "%*s %*d %u %u %u", &benchChannel, &benchTarget, &benchSize) != 3 || !peer) return;
    rtts = malloc(sizeof *rtts * benchTarget);
    bench = BENCH_PINGPONG;
    benchPeer = peer;
    benchDone = 0;
    benchSent = now_us();
    bench_send();
    enet_host_flush(host);
  } else if (strcmp(verb, "flood") == 0) {
    if (sscanf(line, "%*s %*d %u %u %u %u", &benchChannel, &benchTarget, &benchSize, &benchWindow) != 4 || !peer || benchTarget == 0) return;
    bench = BENCH_FLOOD;
    benchPeer = peer;
    benchDone = 0;
    benchQueued = benchWindow < benchTarget ? benchWindow : benchTarget;
    benchStart = now_us();
    for (unsigned i = 0; i < benchQueued; i++) bench_send();
    enet_host_flush(host);
  } else if (strcmp(verb, "rss") == 0) {
    FILE *status = fopen("/proc/self/status", "r");
    char text[256];
    while (status && fgets(text, sizeof text, status)) if (strncmp(text, "VmRSS:", 6) == 0) printf("RSS %s", text + 6);
    if (status) fclose(status);
  } else if (strcmp(verb, "cpu") == 0) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("CPU %.0f %.0f\n", usage.ru_utime.tv_sec * 1e6 + usage.ru_utime.tv_usec, usage.ru_stime.tv_sec * 1e6 + usage.ru_stime.tv_usec);
  } else if (strcmp(verb, "stats") == 0) {
    printf("STATS %u %u\n", host->totalSentPackets, host->totalReceivedPackets);
  } else if (strcmp(verb, "count") == 0) {
    unsigned connected = 0;
    for (size_t i = 0; i < host->peerCount; i++) if (host->peers[i].state == ENET_PEER_STATE_CONNECTED) connected++;
    printf("COUNT %u\n", connected);
  } else if (strcmp(verb, "quit") == 0) {
    fflush(stdout);
    exit(0);
  }
}

int main(int argc, char **argv) {
  const char *connectHost = NULL;
  unsigned port = 0, peers = 32, channels = 0, data = 0, inBw = 0, outBw = 0, rangeCoder = 0, crc = 0, clients = 1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--server") && i + 1 < argc) port = (unsigned)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--client") && i + 2 < argc) { connectHost = argv[++i]; port = (unsigned)atoi(argv[++i]); }
    else if (!strcmp(argv[i], "--peers") && i + 1 < argc) peers = (unsigned)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--channels") && i + 1 < argc) channels = (unsigned)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--data") && i + 1 < argc) data = (unsigned)strtoul(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--in-bw") && i + 1 < argc) inBw = (unsigned)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--out-bw") && i + 1 < argc) outBw = (unsigned)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--range-coder")) rangeCoder = 1;
    else if (!strcmp(argv[i], "--crc32")) crc = 1;
    else if (!strcmp(argv[i], "--echo")) echo = 1;
    else if (!strcmp(argv[i], "--quiet")) quiet = 1;
    else if (!strcmp(argv[i], "--clients") && i + 1 < argc) clients = (unsigned)atoi(argv[++i]);
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (enet_initialize() != 0) { printf("FAIL init\n"); return 1; }
  ENetAddress address;
  memset(&address, 0, sizeof address);
  enet_address_set_host_ip(&address, "127.0.0.1");
  address.port = connectHost ? 0 : (enet_uint16)port;
  host = enet_host_create(&address, connectHost ? clients : peers, connectHost ? 0 : channels, inBw, outBw);
  if (!host) { printf("FAIL create\n"); return 1; }
  if (rangeCoder) enet_host_compress_with_range_coder(host);
  if (crc) host->checksum = enet_crc32;
  ENetAddress bound;
  enet_socket_get_address(host->socket, &bound);
  printf("READY %u\n", bound.port);
  if (connectHost) {
    ENetAddress server;
    enet_address_set_host_ip(&server, connectHost);
    server.port = (enet_uint16)port;
    for (unsigned i = 0; i < clients; i++) {
      if (!enet_host_connect(host, &server, channels ? channels : 1, data + i)) { printf("FAIL connect\n"); return 1; }
    }
  }
  char line[16384];
  size_t used = 0;
  for (;;) {
    ENetEvent event;
    while (enet_host_service(host, &event, 0) > 0) handle(&event);
    fd_set set;
    FD_ZERO(&set);
    FD_SET(0, &set);
    FD_SET(host->socket, &set);
    struct timeval tv = { 0, 2000 };
    int maxfd = host->socket > 0 ? host->socket : 0;
    if (select(maxfd + 1, &set, NULL, NULL, &tv) < 0) continue;
    if (FD_ISSET(0, &set)) {
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
  enet_host_destroy(host);
  return 0;
}
`;
