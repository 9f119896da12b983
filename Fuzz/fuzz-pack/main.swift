import FuzzSupport
import SignpostFuzz

fuzzMain(FuzzTargets.pack)
