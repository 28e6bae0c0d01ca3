/*
 * RogueLearn judge harness: PID 1 of every sandbox container.
 *
 * One container judges one submission. The host streams a job on stdin (files, then commands),
 * the harness compiles once, then runs every test with per-test limits and checks the output,
 * printing one line per event as it happens so the host can show live progress. Written in C
 * and linked statically so the same binary works in any image, even one without a shell.
 *
 * Privilege separation: the harness runs as root with only CAP_SETUID/CAP_SETGID. Judge data
 * (inputs, expected outputs, checker, program output) lives in /judge, readable by root only; the
 * program's stdin and stdout are files the harness opens before it drops to uid 65534, so the
 * program can't read expected answers or other tests, and has no capabilities at all.
 *
 * Input (stdin):
 *   file <path> <nbytes>\n<bytes>          a file under /box or /judge (path starts "box/" or "judge/")
 *   limits <cpu_ms> <wall_ms> <mem_kb> <output_bytes>\n
 *   compile <cpu_ms> <wall_ms>\n<shell command>\n   optional
 *   run\n<shell command>\n
 *   checker <exact|tokens|float|custom> <tolerance>\n   (custom: checker run command follows on the next line)
 *   stop_on_fail <0|1>\n
 *   test <id> <input path> <expected path>\n        (repeatable)
 *   end\n
 * Output (stdout), tab-separated, base64 for free text:
 *   compile <ok|error|timeout> <time_ms> <b64 output>
 *   test <id> <verdict> <time_ms> <mem_kb> <exit_code> <signal> <b64 stdout head> <b64 stderr head>
 *   done
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <grp.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BOX "/box"
#define JUDGE "/judge"
#define SANDBOX_UID 65534
#define HEAD_BYTES 4096
#define MAX_TESTS 4096

static long cpu_ms = 2000, wall_ms = 5000, mem_kb = 262144, out_bytes = 64L << 20;
static long compile_cpu_ms = 10000, compile_wall_ms = 20000;
static char *compile_cmd, *run_cmd, *checker_cmd;
static char checker_kind[16] = "tokens";
static double tolerance = 1e-6;
static int stop_on_fail;
static struct { char id[64], in[256], exp[256]; } tests[MAX_TESTS];
static int ntests;

static void die(const char *msg) {
  printf("error\t%s\n", msg);
  fflush(stdout);
  exit(2);
}

static char *read_line(void) {
  static char buf[65536];
  if (!fgets(buf, sizeof buf, stdin)) return NULL;
  buf[strcspn(buf, "\n")] = 0;
  return buf;
}

/* Only box/… and judge/… without "..": the host is trusted, but a bug there must not escape. */
static void safe_path(const char *rel, char *out, size_t n) {
  if (strstr(rel, "..") || (strncmp(rel, "box/", 4) && strncmp(rel, "judge/", 6))) die("bad path");
  snprintf(out, n, "/%s", rel);
}

static void read_job(void) {
  char *line;
  while ((line = read_line())) {
    char word[32] = {0};
    sscanf(line, "%31s", word);
    if (!strcmp(word, "file")) {
      char rel[256], path[512];
      long n;
      if (sscanf(line, "file %255s %ld", rel, &n) != 2 || n < 0) die("bad file record");
      safe_path(rel, path, sizeof path);
      FILE *f = fopen(path, "wb");
      if (!f) die("cannot write file");
      char chunk[65536];
      while (n > 0) {
        size_t want = n < (long)sizeof chunk ? (size_t)n : sizeof chunk;
        size_t got = fread(chunk, 1, want, stdin);
        if (got == 0) die("truncated file");
        fwrite(chunk, 1, got, f);
        n -= (long)got;
      }
      fclose(f);
      chmod(path, strncmp(rel, "box/", 4) ? 0600 : 0644);
    } else if (!strcmp(word, "limits")) {
      sscanf(line, "limits %ld %ld %ld %ld", &cpu_ms, &wall_ms, &mem_kb, &out_bytes);
    } else if (!strcmp(word, "compile")) {
      sscanf(line, "compile %ld %ld", &compile_cpu_ms, &compile_wall_ms);
      compile_cmd = strdup(read_line());
    } else if (!strcmp(word, "run")) {
      run_cmd = strdup(read_line());
    } else if (!strcmp(word, "checker")) {
      sscanf(line, "checker %15s %lf", checker_kind, &tolerance);
      if (!strcmp(checker_kind, "custom")) checker_cmd = strdup(read_line());
    } else if (!strcmp(word, "stop_on_fail")) {
      sscanf(line, "stop_on_fail %d", &stop_on_fail);
    } else if (!strcmp(word, "test")) {
      if (ntests >= MAX_TESTS) die("too many tests");
      if (sscanf(line, "test %63s %255s %255s", tests[ntests].id, tests[ntests].in, tests[ntests].exp) != 3) die("bad test");
      ntests++;
    } else if (!strcmp(word, "end")) {
      return;
    } else {
      die("unknown record");
    }
  }
  die("job ended early");
}

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

typedef struct {
  int exited, exit_code, signal, timed_out;
  long cpu_ms, wall_ms, mem_kb;
} outcome;

/*
 * Runs `cmd` under /bin/sh in its own process group with stdin/stdout/stderr redirected, CPU and
 * output limits as rlimits, and the wall limit enforced here. Every process the command started
 * is killed afterwards, so nothing outlives its test. `privileged` keeps root (the author's
 * checker); everything else runs as uid 65534.
 */
static outcome run_limited(const char *cmd, const char *in, const char *out, const char *err, long cpu, long wall,
                           long fsize, int privileged) {
  outcome o = {0};
  long start = now_ms();
  pid_t pid = fork();
  if (pid < 0) die("fork failed");
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setpgid(0, 0);
    int fd_in = open(in, O_RDONLY);
    int fd_out = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fd_err = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd_in < 0 || fd_out < 0 || fd_err < 0) _exit(120);
    dup2(fd_in, 0);
    dup2(fd_out, 1);
    dup2(fd_err, 2);
    struct rlimit r;
    r.rlim_cur = r.rlim_max = (rlim_t)((cpu + 999) / 1000 + 1);
    setrlimit(RLIMIT_CPU, &r);
    r.rlim_cur = r.rlim_max = (rlim_t)fsize;
    setrlimit(RLIMIT_FSIZE, &r);
    r.rlim_cur = r.rlim_max = 0;
    setrlimit(RLIMIT_CORE, &r);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
    if (!privileged) {
      gid_t g = SANDBOX_UID;
      if (setgroups(1, &g) != 0 || setgid(SANDBOX_UID) != 0 || setuid(SANDBOX_UID) != 0) _exit(122);
    }
    if (chdir(BOX) != 0) _exit(121);
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
  }
  setpgid(pid, pid);
  int status = 0;
  struct rusage ru;
  /* Sleep until the child exits or the wall limit passes: SIGCHLD is blocked in the harness,
     so sigtimedwait wakes exactly when it arrives, with no polling latency. */
  for (;;) {
    pid_t w = wait4(pid, &status, WNOHANG, &ru);
    if (w == pid) break;
    long left = wall - (now_ms() - start);
    if (left <= 0) {
      o.timed_out = 1;
      kill(-pid, SIGKILL);
      wait4(pid, &status, 0, &ru);
      break;
    }
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    struct timespec ts = {left / 1000, (left % 1000) * 1000000L};
    sigtimedwait(&chld, NULL, &ts);
  }
  o.wall_ms = now_ms() - start;
  /* Stragglers the program forked, even ones that left its process group: as PID 1 with
     CAP_KILL, kill(-1) reaches every other process in the container and never the harness. */
  kill(-1, SIGKILL);
  while (waitpid(-1, NULL, 0) > 0) {
  }
  o.cpu_ms = ru.ru_utime.tv_sec * 1000L + ru.ru_utime.tv_usec / 1000 + ru.ru_stime.tv_sec * 1000L + ru.ru_stime.tv_usec / 1000;
  o.mem_kb = ru.ru_maxrss;
  if (WIFEXITED(status)) {
    o.exited = 1;
    o.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    o.signal = WTERMSIG(status);
  }
  return o;
}

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void print_b64_head(const char *path, long limit) {
  FILE *f = fopen(path, "rb");
  if (!f) return;
  unsigned char buf[HEAD_BYTES * 4];
  size_t n = fread(buf, 1, (size_t)limit < sizeof buf ? (size_t)limit : sizeof buf, f);
  fclose(f);
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = buf[i] << 16 | (i + 1 < n ? buf[i + 1] << 8 : 0) | (i + 2 < n ? buf[i + 2] : 0);
    putchar(b64chars[v >> 18 & 63]);
    putchar(b64chars[v >> 12 & 63]);
    putchar(i + 1 < n ? b64chars[v >> 6 & 63] : '=');
    putchar(i + 2 < n ? b64chars[v & 63] : '=');
  }
}

static char *slurp(const char *path, long *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (!buf) {
    fclose(f);
    return NULL;
  }
  n = (long)fread(buf, 1, (size_t)n, f);
  buf[n] = 0;
  fclose(f);
  *len = n;
  return buf;
}

static int next_token(const char **p, const char *end, const char **tok, long *len) {
  while (*p < end && isspace((unsigned char)**p)) (*p)++;
  if (*p >= end) return 0;
  *tok = *p;
  while (*p < end && !isspace((unsigned char)**p)) (*p)++;
  *len = *p - *tok;
  return 1;
}

/* exact: byte-equal after trimming trailing whitespace on each line and at the end.
   tokens: whitespace-separated tokens equal. float: tokens equal, numbers within tolerance. */
static int check_builtin(const char *expected_path, const char *actual_path) {
  long el = 0, al = 0;
  char *e = slurp(expected_path, &el), *a = slurp(actual_path, &al);
  int ok = 0;
  if (!e || !a) goto done;
  if (!strcmp(checker_kind, "exact")) {
    const char *ep = e, *ap = a, *ee = e + el, *ae = a + al;
    for (;;) {
      const char *eln = memchr(ep, '\n', (size_t)(ee - ep)), *aln = memchr(ap, '\n', (size_t)(ae - ap));
      const char *eend = eln ? eln : ee, *aend = aln ? aln : ae;
      const char *et = eend, *at = aend;
      while (et > ep && isspace((unsigned char)et[-1])) et--;
      while (at > ap && isspace((unsigned char)at[-1])) at--;
      if (et - ep != at - ap || memcmp(ep, ap, (size_t)(et - ep))) goto done;
      ep = eln ? eln + 1 : ee;
      ap = aln ? aln + 1 : ae;
      /* trailing blank lines don't count */
      const char *er = ep, *ar = ap;
      while (er < ee && isspace((unsigned char)*er)) er++;
      while (ar < ae && isspace((unsigned char)*ar)) ar++;
      if (er == ee && ar == ae) { ok = 1; goto done; }
      if (er == ee || ar == ae) goto done;
    }
  }
  const char *ep = e, *ap = a, *et, *at;
  long etl, atl;
  int is_float = !strcmp(checker_kind, "float");
  for (;;) {
    int he = next_token(&ep, e + el, &et, &etl), ha = next_token(&ap, a + al, &at, &atl);
    if (!he && !ha) { ok = 1; break; }
    if (he != ha) break;
    if (etl == atl && !memcmp(et, at, (size_t)etl)) continue;
    if (!is_float) break;
    char eb[128], ab[128], *eend, *aend;
    if (etl >= 127 || atl >= 127) break;
    memcpy(eb, et, (size_t)etl); eb[etl] = 0;
    memcpy(ab, at, (size_t)atl); ab[atl] = 0;
    double ev = strtod(eb, &eend), av = strtod(ab, &aend);
    if (*eend || *aend || isnan(av)) break;
    double diff = fabs(ev - av);
    if (diff > tolerance && diff > tolerance * fabs(ev)) break;
  }
done:
  free(e);
  free(a);
  return ok;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  /* PID 1 ignores signals it has no handler for; the program can't kill us. */
  signal(SIGPIPE, SIG_IGN);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  read_job();
  if (!run_cmd) die("no run command");

  if (compile_cmd) {
    outcome c = run_limited(compile_cmd, "/dev/null", JUDGE "/compile.out", JUDGE "/compile.out", compile_cpu_ms,
                            compile_wall_ms, 16L << 20, 0);
    int ok = c.exited && c.exit_code == 0 && !c.timed_out;
    printf("compile\t%s\t%ld\t", ok ? "ok" : (c.timed_out || c.signal == SIGXCPU) ? "timeout" : "error", c.wall_ms);
    print_b64_head(JUDGE "/compile.out", 16384);
    printf("\n");
    if (!ok) {
      printf("done\n");
      return 0;
    }
  }

  int failed = 0;
  for (int i = 0; i < ntests; i++) {
    char in[512], exp[512];
    safe_path(tests[i].in, in, sizeof in);
    safe_path(tests[i].exp, exp, sizeof exp);
    const char *verdict;
    outcome o = {0};
    if (failed && stop_on_fail) {
      verdict = "SKIPPED";
    } else {
      o = run_limited(run_cmd, in, JUDGE "/out", JUDGE "/err", cpu_ms, wall_ms, out_bytes, 0);
      struct stat st;
      long out_size = stat(JUDGE "/out", &st) == 0 ? (long)st.st_size : 0;
      if (o.signal == SIGXFSZ || out_size >= out_bytes) verdict = "OLE";
      else if (o.cpu_ms > cpu_ms || o.signal == SIGXCPU || o.timed_out) verdict = "TLE";
      else if (o.mem_kb > mem_kb || o.signal == SIGKILL) verdict = "MLE"; /* an unexplained SIGKILL is the OOM killer */
      else if (!o.exited || o.exit_code != 0) verdict = "RE";
      else if (checker_cmd) {
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "%s %s %s " JUDGE "/out", checker_cmd, in, exp);
        outcome ch = run_limited(cmd, "/dev/null", JUDGE "/checker.out", JUDGE "/checker.out", 10000, 20000, 1L << 20, 1);
        verdict = ch.exited && ch.exit_code == 0 ? "AC" : ch.exited && ch.exit_code == 1 ? "WA" : "IE";
      } else verdict = check_builtin(exp, JUDGE "/out") ? "AC" : "WA";
      if (strcmp(verdict, "AC")) failed = 1;
    }
    printf("test\t%s\t%s\t%ld\t%ld\t%d\t%d\t", tests[i].id, verdict, o.cpu_ms > o.wall_ms ? o.wall_ms : o.cpu_ms,
           o.mem_kb, o.exit_code, o.signal);
    if (strcmp(verdict, "SKIPPED")) print_b64_head(JUDGE "/out", HEAD_BYTES);
    putchar('\t');
    if (strcmp(verdict, "SKIPPED")) print_b64_head(JUDGE "/err", HEAD_BYTES);
    putchar('\n');
  }
  printf("done\n");
  return 0;
}
