// Package stats holds the statistics the analysis packages share, written
// once: mean and sample standard deviation, quantiles and percentile
// intervals, the area under the ROC curve (with weights for a cluster
// bootstrap), DeLong's covariance of AUCs, the cluster bootstrap's
// resampling, ridge-penalised logistic regression by Newton's method, and the probit
// (FitBinary, with each link's score and information for sandwich variances).
// It is pure: no I/O, globals or clocks; random draws take a seed.
package stats
