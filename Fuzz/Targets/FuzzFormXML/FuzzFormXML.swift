// Form definitions: the bytes as one form or code list file, loaded as `FormLibrary.load(files:)` loads files.
import Forms

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? FormLibrary.load(documents: [(file: "fuzz.xml", bytes: bytes)])
    return 0
}
