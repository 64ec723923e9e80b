import Foundation
import Testing

@testable import Encodings

@Suite struct SubresourceIntegrityTests {
    // Expected values from `printf … | openssl dgst -sha384 -binary | base64`.
    @Test func knownDigests() {
        #expect(SubresourceIntegrity.sha384([]) == "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb")
        #expect(
            SubresourceIntegrity.sha384(Array(#"alert("Hello, world.");"#.utf8))
                == "sha384-rwE6Iuo1Y5spnMVUH6Cdjh+wWToU3cZPwiI1th7Wm1MINXGD4PlaByYDRdaBLn0e")
        #expect(
            SubresourceIntegrity.sha384(Array("ab".utf8))
                == "sha384-x74DulvKo4RycHbbABjpkkjhpui9G571ip7J3U7uuz9IuDYgEiEXW++nTdw9Na/d")
    }

    /// The buffer form (a slice of a reused read buffer) gives the array form's value for every algorithm.
    @Test func bufferAndArrayGiveTheSameValue() {
        let buffer = Array("some module text, then bytes the value must not include".utf8)
        let length = 16
        for algorithm in SubresourceIntegrity.Algorithm.allCases {
            let fromBuffer = buffer.withUnsafeBytes { SubresourceIntegrity.value(of: UnsafeRawBufferPointer(rebasing: $0[0..<length]), algorithm: algorithm) }
            #expect(fromBuffer == SubresourceIntegrity.value(of: Array(buffer[0..<length]), algorithm: algorithm))
        }
        #expect(SubresourceIntegrity.value(of: UnsafeRawBufferPointer(start: nil, count: 0), algorithm: .sha384) == SubresourceIntegrity.sha384([]))
    }

    @Test func base64PaddingMatchesFoundation() {
        for length in 0..<8 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 250) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
        }
    }
}

@Suite struct Base64VLQTests {
    @Test func encodesAsTheSourceMapSpecExamples() {
        var text: [UInt8] = []
        for value in [0, 1, -1, 15, 16, -16, 1000] {
            Base64VLQ.append(value, to: &text)
            text.append(UInt8(ascii: " "))
        }
        #expect(String(decoding: text, as: UTF8.self) == "A C D e gB hB w+B ")
    }

    @Test func decodesWhatItEncodes() {
        let values = [0, 1, -1, 31, 32, -33, 1000, -123_456, Int(Int32.max)]
        var text: [UInt8] = []
        for value in values { Base64VLQ.append(value, to: &text) }
        var decoder = Base64VLQ.Decoder()
        #expect(text.compactMap { decoder.feed($0) } == values)
    }
}
