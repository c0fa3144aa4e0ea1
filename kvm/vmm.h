/* One s2vmm run: parse the words, set up KVM, boot the guest N times, emit the records. */
#ifndef S2VMM_VMM_H
#define S2VMM_VMM_H

/* Returns the process exit status: 0 when the run ended with `done status=ok`. */
int vmm_run(const char *words, const char *guest_dir);

#endif
