import MelixDriver
import Foundation
exit(Driver.main(CommandLine.arguments))
