/// `arc4random`, defined here so the packaged binary keeps running on glibc 2.35 (Ubuntu 22.04, Tutor's base
/// image).
///
/// `scripts/package` links libstdc++ statically, and its `std::random_device` refers to `arc4random`, which
/// glibc only has from 2.36: without this definition the binary would need GLIBC_2.36 and the wheel would
/// not install there. Nothing in this project calls it; a call gets 32 bits from the system's random source,
/// as glibc's `arc4random` gives (Swift's `SystemRandomNumberGenerator`: `getrandom(2)`).
@_cdecl("arc4random")
func arc4random() -> UInt32 {
    UInt32.random(in: UInt32.min...UInt32.max)
}
