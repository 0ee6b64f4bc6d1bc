"""Rule texts and edge values the binding's tests share: the seed scorecard's own methodologies, and
the relative kinds (to a target, to a cohort)."""

AMT2 = "95% or above Green 85%-94% Amber 84% and below Red"
W1 = "17 or below Green 18.1-20 Amber 20.1 and above Red"
TARGETED = "target or above Green, within 5% of target Amber, otherwise Red"
COHORT = "10% of cohort or below Green 10-15% Amber 16% and above Red"
NAN = float("nan")
INF = float("inf")
