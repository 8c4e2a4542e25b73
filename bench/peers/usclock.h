/*
 * Force-included into pan.c by bench/peers/run.ts (gcc -include): pan times its search with times(),
 * whose clock ticks 100 times a second, so a search of a few hundredths of a second reads as 0.03 or
 * 0.06 s depending on where the ticks fall. This makes the same code read a monotonic clock in
 * microseconds instead. Nothing else in pan changes: the same search, states and counts; only the
 * times it prints are finer.
 */
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static clock_t bench_us_times(struct tms *t) {
  struct timespec ts;
  (void) t;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (clock_t) (ts.tv_sec * 1000000L + ts.tv_nsec / 1000);
}

static long bench_us_sysconf(int name) {
  return name == _SC_CLK_TCK ? 1000000L : sysconf(name);
}

#define times(t) bench_us_times(t)
#define sysconf(n) bench_us_sysconf(n)
