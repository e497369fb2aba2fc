// Times Melix's readCSV and HDF5 matrix read; prints one line per measurement:
//   csv <seconds> ... / h5 <seconds> ...
// Usage: melix-data-bench CSV_PATH H5_PATH REPEATS
import Foundation
import MelixData

let arguments = CommandLine.arguments
guard arguments.count == 4, let repeats = Int(arguments[3]), repeats > 0 else {
  FileHandle.standardError.write(Data("usage: melix-data-bench CSV_PATH H5_PATH REPEATS\n".utf8))
  exit(64)
}
let csvPath = arguments[1]
let h5Path = arguments[2]

func time(_ body: () throws -> Int) rethrows -> (Double, Int) {
  let start = DispatchTime.now().uptimeNanoseconds
  let check = try body()
  return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, check)
}

do {
  var csvTimes: [Double] = []
  var h5Times: [Double] = []
  // One untimed warm-up each so both sides read from the page cache.
  _ = try readCSV(path: csvPath, target: "label")
  _ = try FeatureMatrix.readHDF5(path: h5Path)
  for _ in 0..<repeats {
    let (seconds, rows) = try time { try readCSV(path: csvPath, target: "label").count }
    csvTimes.append(seconds)
    precondition(rows > 0)
  }
  for _ in 0..<repeats {
    let (seconds, count) = try time { try FeatureMatrix.readHDF5(path: h5Path).values.count }
    h5Times.append(seconds)
    precondition(count == 10_000_000)
  }
  var sequential = CSVReader()
  sequential.parallelThreshold = .max
  var csvOneThreadTimes: [Double] = []
  for _ in 0..<repeats {
    let (seconds, _) = try time {
      try Dataset(table: sequential.readTable(path: csvPath), target: "label").count
    }
    csvOneThreadTimes.append(seconds)
  }
  print("csv1 " + csvOneThreadTimes.map { String($0) }.joined(separator: " "))
  print("csv " + csvTimes.map { String($0) }.joined(separator: " "))
  print("h5 " + h5Times.map { String($0) }.joined(separator: " "))
} catch {
  FileHandle.standardError.write(Data("melix-data-bench: \(error)\n".utf8))
  exit(1)
}
