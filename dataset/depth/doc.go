// Package depth imports Benson and Clinton's alliance scores: the latent
// depth, scope and potential military capacity of each ATOP alliance,
// estimated from ATOP provisions (AllianceDataScoreJCR_RR.csv, 492
// alliances, keyed by ATOP atopid).
//
// Citation: Benson, Brett V., and Joshua D. Clinton. 2016. "Assessing the
// Variation of Formal Military Alliances." Journal of Conflict Resolution
// 60(5): 866-898. (The file name's "JCR_RR" matches this article; the
// citation is not stated in the source repository.)
//
// Besides the three scores, a Record keeps every other numeric column of
// the file (the ATOP-derived indicators and covariates the model used) in
// Indicators, indexed like IndicatorNames. Missing values are "NA" and
// become NaN. The unnamed first column is a row label such as "phi_1_1".
package depth
