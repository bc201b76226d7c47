# Copies one containerd .proto with the gogo/containerd-plugin extensions removed.
# protoc's C++ generator aborts on `import weak`, and the options only matter to Go.
# Usage: cmake -DIN=<src.proto> -DOUT=<dst.proto> -P StripGogo.cmake
file(READ "${IN}" text)
string(REGEX REPLACE "import weak \"[^\"]*\";[^\n]*\n" "\n" text "${text}")
string(REGEX REPLACE "option \\((gogoproto|containerd\\.plugin)\\.[^;]*;" "" text "${text}")
string(REGEX REPLACE "\\[\\((gogoproto|containerd\\.plugin)\\.[^]]*\\]" "" text "${text}")
# A field named `requires` is a C++20 keyword in the generated accessors; field names do not
# travel on the wire, so renaming it is safe.
string(REGEX REPLACE "([ \t])requires([ \t]*=)" "\\1requires_plugins\\2" text "${text}")
if(text MATCHES "gogoproto|containerd\\.plugin")
    message(FATAL_ERROR "${IN}: a gogo option survived stripping; extend cmake/StripGogo.cmake")
endif()
file(WRITE "${OUT}" "${text}")
