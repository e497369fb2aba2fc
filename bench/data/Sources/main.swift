// Times Melix's readCSV (default: one thread), the opt-in two-thread CSV read and the HDF5
// matrix read; prints one line per task with the seconds of each repeat:
//   csv <s> ... / csv2 <s> ... / h5 <s> ...
// Usage: melix-data-bench CSV_PATH H5_PATH REPEATS [TASK]   (TASK: csv, csv2 or h5; all if absent)
import Foundation
import MelixData

let arguments = CommandLine.arguments
guard arguments.count >= 4, let repeats = Int(arguments[3]), repeats > 0 else {
  FileHandle.standardError.write(
    Data("usage: melix-data-bench CSV_PATH H5_PATH REPEATS [csv|csv2|h5]\n".utf8))
  exit(64)
}
let csvPath = arguments[1]
let h5Path = arguments[2]
let only = arguments.count > 4 ? arguments[4] : nil

/// Runs `body` once untimed (so files come from the page cache), then `repeats` times.
func measure(_ task: String, _ body: () throws -> Int) throws {
  guard only == nil || only == task else { return }
  let warmUp = try body()
  precondition(warmUp > 0)
  var times: [Double] = []
  for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    precondition(result > 0)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  print(task + " " + times.map { String($0) }.joined(separator: " "))
}

do {
  var twoThreads = CSVReader()
  twoThreads.parallelThreshold = 16 << 20
  try measure("csv") { try readCSV(path: csvPath, target: "label").count }
  try measure("csv2") {
    try Dataset(table: twoThreads.readTable(path: csvPath), target: "label").count
  }
  try measure("h5") { try FeatureMatrix.readHDF5(path: h5Path).values.count }
} catch {
  FileHandle.standardError.write(Data("melix-data-bench: \(error)\n".utf8))
  exit(1)
}
