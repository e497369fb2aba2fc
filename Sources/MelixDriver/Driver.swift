// placeholder: the driver agent replaces this.
public enum Driver { public static func main(_ arguments: [String]) -> Int32 { 0 } }
