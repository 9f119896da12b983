import FuzzSupport
import SignpostFuzz

fuzzMain(FuzzTargets.cel)
