# R anchors for bench:accuracy: forecast::ets, forecast::auto.arima (xreg) and prophet (regressors
# + holidays) on one chunk of series. Usage:
#   Rscript anchors.R <input.csv> <output.csv> <seasonal period> <horizon>
# Input columns: id, ds (yyyy-mm-dd), y (NA = missing), test (0/1), x_* regressors, hol (0/1).
suppressPackageStartupMessages({
  library(forecast)
  library(prophet)
})
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
m <- as.integer(args[3])
H <- as.integer(args[4])
xcols <- grep("^x_", names(d), value = TRUE)
out <- list()
emit <- function(id, model, fc_lo, fc_mid, fc_hi, secs) {
  data.frame(id = id, model = model, step = seq_len(H), p10 = as.numeric(fc_lo),
             p50 = as.numeric(fc_mid), p90 = as.numeric(fc_hi), secs = secs)
}
for (sid in unique(d$id)) {
  s <- d[d$id == sid, ]
  tr <- s[s$test == 0, ]
  te <- s[s$test == 1, ]
  y <- ts(as.numeric(na.interp(ts(tr$y, frequency = m))), frequency = m)
  keep <- xcols[sapply(xcols, function(c) sd(tr[[c]]) > 0)]
  X <- if (length(keep)) as.matrix(tr[, keep, drop = FALSE]) else NULL
  Xf <- if (length(keep)) as.matrix(te[, keep, drop = FALSE]) else NULL
  if ("hol" %in% names(tr) && sd(tr$hol) > 0) {
    X <- cbind(X, hol = tr$hol)
    Xf <- cbind(Xf, hol = te$hol)
  }
  t0 <- proc.time()[["elapsed"]]
  f <- tryCatch(forecast(ets(y), h = H, level = 80), error = function(e) forecast(naive(y, h = H, level = 80)))
  out[[length(out) + 1]] <- emit(sid, "r-ets", f$lower, f$mean, f$upper, proc.time()[["elapsed"]] - t0)
  t0 <- proc.time()[["elapsed"]]
  f <- tryCatch({
    fit <- auto.arima(y, xreg = X)
    if (is.null(X)) forecast(fit, h = H, level = 80) else forecast(fit, xreg = Xf, level = 80)
  }, error = function(e) forecast(auto.arima(y), h = H, level = 80))
  out[[length(out) + 1]] <- emit(sid, "r-auto-arima-xreg", f$lower, f$mean, f$upper, proc.time()[["elapsed"]] - t0)
  t0 <- proc.time()[["elapsed"]]
  f <- tryCatch({
    hol <- NULL
    if ("hol" %in% names(s) && any(s$hol == 1)) {
      hol <- data.frame(holiday = "holiday", ds = as.Date(s$ds[s$hol == 1]))
    }
    mdl <- prophet(holidays = hol, daily.seasonality = FALSE, interval.width = 0.8,
                   uncertainty.samples = 200, fit = FALSE)
    for (c in keep) mdl <- add_regressor(mdl, c)
    df <- data.frame(ds = as.Date(tr$ds), y = tr$y)
    for (c in keep) df[[c]] <- tr[[c]]
    mdl <- suppressMessages(fit.prophet(mdl, df))
    fut <- data.frame(ds = as.Date(te$ds))
    for (c in keep) fut[[c]] <- te[[c]]
    p <- predict(mdl, fut)
    list(lower = p$yhat_lower, mean = p$yhat, upper = p$yhat_upper)
  }, error = function(e) { message("prophet failed for ", sid, ": ", conditionMessage(e)); NULL })
  if (!is.null(f)) {
    out[[length(out) + 1]] <- emit(sid, "r-prophet-xreg", f$lower, f$mean, f$upper, proc.time()[["elapsed"]] - t0)
  }
}
write.csv(do.call(rbind, out), args[2], row.names = FALSE)
