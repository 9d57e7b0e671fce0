// Writing to standard error, for problems and progress, keeping standard output for results.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func printError(_ line: String) {
    fputs(line + "\n", stderr)
}
