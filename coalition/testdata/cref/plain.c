/* C reference for coalition/'s optimal coalition structure: the plain
 * O(3^n) dynamic program over all submask splits (plainDP in csg.go), the
 * baseline the exact method is measured against, as a tight C loop:
 *
 *   f[S] = max(v[S], max over nonempty proper submasks A of S of
 *              f[A] + f[S \ A]),  S in increasing order.
 *
 * The worths are read from a file of 2^n little-endian float64 (v[0] = 0),
 * as BenchmarkCrefStructure writes them (COALITION_CREF_DIR). Prints the
 * seconds of the best of REPS runs, the mean process CPU seconds and the optimal value f[N], which the
 * Go side checks.
 *
 *   plain FILE N REPS
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* Process CPU seconds: on a shared, busy machine wall time mostly
 * measures waiting for a core. */
static double cpu(void) {
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
	if (argc < 4) { fprintf(stderr, "usage: plain FILE N REPS\n"); return 2; }
	int n = atoi(argv[2]), reps = atoi(argv[3]);
	if (n < 1 || n > 30) { fprintf(stderr, "N must be 1..30\n"); return 2; }
	uint64_t size = (uint64_t)1 << n;
	double *v = malloc(size * sizeof *v), *f = malloc(size * sizeof *f);
	FILE *in = fopen(argv[1], "rb");
	if (!in || !v || !f) { perror(argv[1]); return 1; }
	if (fread(v, sizeof *v, size, in) != size) { fprintf(stderr, "%s: short file\n", argv[1]); return 1; }
	fclose(in);
	double best = 1e30, c0 = cpu();
	for (int rep = 0; rep < reps; rep++) {
		double t0 = now();
		memcpy(f, v, size * sizeof *f);
		for (uint64_t S = 3; S < size; S++) {
			/* Two running maxima, so that gcc's maxsd chains (a latency
			 * per split) run side by side; max is exact, so the result
			 * is that of one chain. */
			double b = f[S], b1 = f[S];
			uint64_t a = (S - 1) & S;
			while (a != 0) {
				double x = f[a] + f[S ^ a];
				if (x > b) b = x;
				a = (a - 1) & S;
				if (a == 0) break;
				double y = f[a] + f[S ^ a];
				if (y > b1) b1 = y;
				a = (a - 1) & S;
			}
			f[S] = b > b1 ? b : b1;
		}
		double t = now() - t0;
		if (t < best) best = t;
	}
	printf("n=%d seconds=%.6f cpu=%.6f value=%.17g\n", n, best, (cpu() - c0) / reps, f[size - 1]);
	return 0;
}
