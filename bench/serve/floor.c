// The floor for bench/serve: a single-threaded epoll HTTP/1.1 keep-alive server that answers
// every request with a fixed JSON body the size of melix's one-row answer and does no other
// work. Whatever latency wrk reports for it comes from the machine (the cores wrk and the
// server share, other load), not from a server's work, so its p99 is the lowest any server
// can show on this machine under the same wrk command.
// Build: cc -O2 -o floor floor.c   Run: ./floor PORT   (listens on 127.0.0.1)
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct {
  int fd;
  size_t len;
  char buf[65536];
} conn;

static const char *body =
    "{\"predictions\":[1],\"probabilities\":[[0.003040338361899016,0.8599080137691512,"
    "0.13705164786894977]]}";

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: floor PORT\n");
    return 2;
  }
  int one = 1, server = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in address = {0};
  address.sin_family = AF_INET;
  address.sin_port = htons((unsigned short)atoi(argv[1]));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 256) != 0) {
    perror("floor: bind");
    return 1;
  }
  char response[512];
  int responseLength = snprintf(
      response, sizeof response,
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
      strlen(body), body);
  int poller = epoll_create1(0);
  struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(poller, EPOLL_CTL_ADD, server, &event);
  struct epoll_event events[64];
  for (;;) {
    int n = epoll_wait(poller, events, 64, -1);
    for (int i = 0; i < n; i++) {
      conn *c = events[i].data.ptr;
      if (c == NULL) {
        int fd = accept(server, NULL, NULL);
        if (fd < 0) continue;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c = calloc(1, sizeof *c);
        c->fd = fd;
        struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
        epoll_ctl(poller, EPOLL_CTL_ADD, fd, &e);
        continue;
      }
      ssize_t got = read(c->fd, c->buf + c->len, sizeof c->buf - c->len);
      if (got <= 0) {
        close(c->fd);
        free(c);
        continue;
      }
      c->len += (size_t)got;
      for (;;) {  // answer every complete request (head and Content-Length body) in the buffer
        char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
        if (end == NULL) break;
        size_t head = (size_t)(end + 4 - c->buf), length = 0;
        *end = '\0';
        char *field = strcasestr(c->buf, "content-length:");
        *end = '\r';
        if (field != NULL) length = strtoul(field + 15, NULL, 10);
        if (c->len < head + length) break;
        if (write(c->fd, response, (size_t)responseLength) < 0) break;
        memmove(c->buf, c->buf + head + length, c->len - head - length);
        c->len -= head + length;
      }
    }
  }
}
