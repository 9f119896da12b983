import FuzzSupport
import SignpostFuzz

fuzzMain(FuzzTargets.reader)
