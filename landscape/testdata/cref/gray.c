/* C reference for landscape.Exhaustive: a plain Gray-code loop over the
 * 2^(n-1) two-bloc alignments (actor 0 fixed in bloc A), the same
 * arithmetic in the same order as the Go code (fields.go, exhaustive.go),
 * so that both find the same minima and basins bit for bit.
 *
 *   gcc -O2 -o gray gray.c -lm
 *   gcc -O2 -DBYTE_LABELS -o gray8 gray.c -lm    # 1-byte labels, as Go
 *   ./gray n25_sizes.csv n25_propensities.csv basins 5
 *   ./gray n30_sizes.csv n30_propensities.csv nobasins 3
 *
 * See README.md. */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXN 32
#define REFRESH 1024 /* refreshEvery */

static int n;
static double w[MAXN * MAXN], total, tol;
static double x[MAXN], l[MAXN];
static uint64_t cfg;

/* next_line reads a line that is neither empty nor a # comment. */
static int next_line(FILE *f, char *buf, size_t len) {
	while (fgets(buf, (int)len, f)) {
		if (buf[0] != '#' && buf[0] != '\n' && buf[0] != '\r')
			return 1;
	}
	return 0;
}

/* read_case reads the "actor,size" file and the propensity matrix, rows and
 * columns in the order of the sizes (as written by TestCrefInput). */
static void read_case(const char *sp, const char *pp) {
	static char buf[1 << 16];
	double s[MAXN], p[MAXN][MAXN];
	FILE *f = fopen(sp, "r");
	if (!f) { perror(sp); exit(1); }
	next_line(f, buf, sizeof buf); /* header */
	n = 0;
	while (next_line(f, buf, sizeof buf)) {
		char *c = strchr(buf, ',');
		if (!c || n == MAXN) { fprintf(stderr, "%s: bad line\n", sp); exit(1); }
		s[n++] = strtod(c + 1, NULL);
	}
	fclose(f);
	f = fopen(pp, "r");
	if (!f) { perror(pp); exit(1); }
	next_line(f, buf, sizeof buf); /* header */
	for (int i = 0; i < n; i++) {
		if (!next_line(f, buf, sizeof buf)) { fprintf(stderr, "%s: short\n", pp); exit(1); }
		char *c = strchr(buf, ',');
		for (int j = 0; j < n; j++) {
			if (!c) { fprintf(stderr, "%s: short row %d\n", pp, i); exit(1); }
			char *end;
			p[i][j] = strtod(c + 1, &end);
			if (end == c + 1) p[i][j] = 0; /* empty diagonal */
			c = strchr(c + 1, ',');
		}
	}
	fclose(f);
	/* as NewSystem */
	total = 0;
	for (int i = 0; i < n; i++) {
		w[i * n + i] = 0;
		for (int j = i + 1; j < n; j++) {
			double m = (p[i][j] + p[j][i]) / 2;
			double v = s[i] * s[j] * m;
			w[i * n + j] = w[j * n + i] = v;
			total += 2 * v;
		}
	}
	double maxrow = 0;
	for (int i = 0; i < n; i++) {
		double r = 0;
		for (int j = 0; j < n; j++) r += fabs(w[i * n + j]);
		if (r > maxrow) maxrow = r;
	}
	tol = 1e-9 * 2 * maxrow;
}

static void load(uint64_t c) {
	cfg = c;
	for (int j = 0; j < n; j++) x[j] = (c >> j & 1) ? -1 : 1;
	for (int j = 0; j < n; j++) {
		double s = 0;
		for (int k = 0; k < n; k++) s += w[j * n + k] * x[k];
		l[j] = s;
	}
}

static double min_sat(void) {
	double m = x[0] * l[0];
	for (int j = 0; j < n; j++) {
		double s = x[j] * l[j];
		if (s < m) m = s;
	}
	return m;
}

/* flip_min flips actor k, updates the fields and returns min_j x_j L_j. */
static double flip_min(int k) {
	x[k] = -x[k];
	cfg ^= (uint64_t)1 << k;
	double c = 2 * x[k], m = INFINITY;
	const double *row = w + k * n;
	for (int j = 0; j < n; j++) {
		l[j] += c * row[j];
		double s = x[j] * l[j];
		if (s < m) m = s;
	}
	return m;
}

/* flip_any flips actor k and reports whether some flip lowers the energy. */
static int flip_any(int k, double half) {
	x[k] = -x[k];
	cfg ^= (uint64_t)1 << k;
	double c = 2 * x[k];
	const double *row = w + k * n;
	int neg = 0;
	for (int j = 0; j < n; j++) {
		l[j] += c * row[j];
		neg |= x[j] * l[j] + half < 0;
	}
	return neg;
}

static int best_from(double m, double half) {
	for (int j = 0; j < n; j++)
		if (x[j] * l[j] <= m + half) return j;
	return -1;
}

static uint64_t flip_index(uint64_t g, int k) {
	return k == 0 ? g ^ (((uint64_t)1 << (n - 1)) - 1) : g ^ ((uint64_t)1 << (k - 1));
}

/* Labels are 4 bytes; -DBYTE_LABELS makes them 1 byte, as Go keeps them
 * (a move fits in 6 bits; a resolved label holds one of at most 128
 * minima, and the program stops if there are more). */
#ifdef BYTE_LABELS
typedef uint8_t label_t;
#define RESOLVED 0x80u
#define MAXROOTS 128
#else
typedef uint32_t label_t;
#define RESOLVED (1u << 31)
#define MAXROOTS (1u << 31)
#endif

static uint64_t minima[1 << 20];
static double counts[1 << 20];
static size_t nminima;

/* run does one exhaustive search: the Gray sweep, then (with basins) the
 * path-compressing resolution of every configuration's descent. */
static void run(int basins) {
	uint64_t confs = (uint64_t)1 << (n - 1);
	double half = tol / 2;
	label_t *labels = basins ? calloc(confs, sizeof *labels) : NULL;
	if (basins && !labels) { perror("calloc"); exit(1); }
	nminima = 0;
	load(0);
	double m = min_sat();
	for (uint64_t t = 0;;) {
		if (m >= -half) {
			if (nminima < sizeof minima / sizeof minima[0]) minima[nminima++] = cfg;
			if (labels) labels[cfg >> 1] = 0;
		} else if (labels) {
			labels[cfg >> 1] = (label_t)(best_from(m, half) + 1);
		}
		if (++t == confs) break;
		int k = __builtin_ctzll(t) + 1;
		if (t % REFRESH == 0) {
			load(cfg ^ (uint64_t)1 << k);
			m = min_sat();
		} else if (labels) {
			m = flip_min(k);
		} else {
			m = flip_any(k, half) ? -INFINITY : 0;
		}
	}
	if (!labels) return;
	if (nminima > MAXROOTS) { fprintf(stderr, "%zu minima: too many for the labels\n", nminima); exit(1); }
	for (size_t i = 0; i < nminima; i++) {
		labels[minima[i] >> 1] = (label_t)(RESOLVED | i);
		counts[i] = 1;
	}
	uint64_t *path = malloc(sizeof *path * confs < (1 << 20) ? sizeof *path * confs : 1 << 20);
	size_t cap = (1 << 20) / sizeof *path;
	for (uint64_t g = 0; g < confs; g++) {
		if (labels[g] & RESOLVED) continue;
		size_t len = 0;
		uint64_t cur = g;
		while (!(labels[cur] & RESOLVED)) {
			if (len == cap) { cap *= 2; path = realloc(path, cap * sizeof *path); }
			path[len++] = cur;
			cur = flip_index(cur, (int)labels[cur] - 1);
		}
		label_t root = labels[cur];
		for (size_t i = 0; i < len; i++) labels[path[i]] = root;
		counts[root & ~RESOLVED] += (double)len;
	}
	free(path);
	free(labels);
}

static int cmpd(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv) {
	if (argc < 4) {
		fprintf(stderr, "usage: %s SIZES.csv PROPENSITIES.csv basins|nobasins [REPS] [-v]\n", argv[0]);
		return 2;
	}
	read_case(argv[1], argv[2]);
	int basins = strcmp(argv[3], "basins") == 0;
	int reps = argc > 4 ? atoi(argv[4]) : 1;
	int verbose = argc > 5 && strcmp(argv[5], "-v") == 0;
	if (reps < 1) reps = 1;
	double *secs = malloc(sizeof *secs * reps);
	for (int r = 0; r < reps; r++) {
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		run(basins);
		clock_gettime(CLOCK_MONOTONIC, &b);
		secs[r] = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9;
	}
	/* checksum: minima in configuration order (the sweep finds them in
	 * Gray order), each config times its basin + 1, summed modulo 2^64 */
	for (size_t i = 0; i < nminima; i++)
		for (size_t j = i + 1; j < nminima; j++)
			if (minima[j] < minima[i]) {
				uint64_t t = minima[i]; minima[i] = minima[j]; minima[j] = t;
				double c = counts[i]; counts[i] = counts[j]; counts[j] = c;
			}
	uint64_t sum = 0;
	for (size_t i = 0; i < nminima; i++) {
		sum += minima[i] * (uint64_t)((basins ? counts[i] : 0) + 1);
		if (verbose) printf("%016llx %.0f\n", (unsigned long long)minima[i], basins ? counts[i] : 0);
	}
	qsort(secs, reps, sizeof *secs, cmpd);
	printf("n=%d %s minima=%zu checksum=%016llx reps=%d min=%.4fs median=%.4fs max=%.4fs ns/config(min)=%.3f\n",
	       n, basins ? "basins" : "nobasins", nminima, (unsigned long long)sum, reps,
	       secs[0], secs[reps / 2], secs[reps - 1], secs[0] * 1e9 / (double)((uint64_t)1 << (n - 1)));
	return 0;
}
