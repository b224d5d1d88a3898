#ifndef CSCHEDULER_SHIM_H
#define CSCHEDULER_SHIM_H
// The calling thread's CPU and CPU affinity, through the Linux system calls: glibc's wrappers
// (sched_getcpu, sched_setaffinity) are GNU extensions that the Glibc module does not export.
#include <sys/syscall.h>
#include <unistd.h>

enum { cscheduler_mask_words = 16, cscheduler_word_bits = 8 * sizeof(unsigned long) };

/// The CPU the calling thread runs on, or -1.
static inline int cscheduler_current_cpu(void) {
  unsigned cpu = 0;
  return syscall(SYS_getcpu, &cpu, (void *)0, (void *)0) == 0 ? (int)cpu : -1;
}

/// Moves the calling thread off `cpu` when it runs there and may run elsewhere, then allows it
/// every CPU it was allowed before: a starting place, not a pin. Returns 1 when it moved.
static inline int cscheduler_leave_cpu(int cpu) {
  unsigned long allowed[cscheduler_mask_words] = {0};
  if (cpu < 0 || cpu >= cscheduler_mask_words * cscheduler_word_bits) return 0;
  if (syscall(SYS_sched_getaffinity, 0, sizeof allowed, allowed) <= 0) return 0;
  if (cscheduler_current_cpu() != cpu) return 0;
  unsigned long others[cscheduler_mask_words];
  int count = 0;
  for (int w = 0; w < cscheduler_mask_words; w++) {
    others[w] = allowed[w];
    if (w == cpu / cscheduler_word_bits) others[w] &= ~(1UL << (cpu % cscheduler_word_bits));
    count += __builtin_popcountl(others[w]);
  }
  if (count == 0 || syscall(SYS_sched_setaffinity, 0, sizeof others, others) != 0) return 0;
  syscall(SYS_sched_setaffinity, 0, sizeof allowed, allowed);
  return 1;
}
#endif
