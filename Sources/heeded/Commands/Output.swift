// Writing to standard error, for problems and progress, keeping standard output for results.
import Foundation

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
