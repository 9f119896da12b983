import FuzzSupport
import SignpostFuzz

fuzzMain(FuzzTargets.yaml)
