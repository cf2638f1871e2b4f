"""Memory tuning's screens: the form (`M` on the function view), the notice, the run with its
progress, results and plot, and the offer to finish a dead run's clean-up."""
