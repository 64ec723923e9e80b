import Hummingbird
import OrderedJSON

/// JSON bodies written with the field order given (as Django REST framework keeps dict order).
enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: JSONWriter.write(value, style: .javaScriptCompact))))
    }
}
