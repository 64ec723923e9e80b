/// Escaping for server-rendered pages (what Django's autoescape does to `{{ value }}`).
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#x27;"
            default: result.append(character)
            }
        }
        return result
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}code,pre{background:#f4f4f4}
        pre{padding:.5em;overflow:auto}.passed{color:#070}.failed{color:#a00}td,th{padding:.2em .6em;text-align:left}</style>
        </head><body>
        \(body)
        </body></html>
        """
    }
}
