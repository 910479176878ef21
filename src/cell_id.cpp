#include "clm/cell_id.hpp"

#include <array>
#include <stdexcept>

#include <openssl/evp.h>

namespace clm {
namespace {

// The Python tool shortens the hex digest to this many characters.
constexpr std::size_t cell_id_length = 16;

} // namespace

std::string sha3_224_hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    // EVP_Digest fails only when the library cannot provide SHA3, which is a broken
    // installation rather than a problem with the user's input.
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha3_224(), nullptr) != 1) {
        throw std::runtime_error("SHA3-224 is not available from OpenSSL");
    }
    static constexpr char hex_digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * size);
    for (unsigned int i = 0; i < size; ++i) {
        hex += hex_digits[digest[i] >> 4];
        hex += hex_digits[digest[i] & 0x0f];
    }
    return hex;
}

std::string make_cell_id(std::string_view source, std::unordered_set<std::string>& taken) {
    std::string id = sha3_224_hex(source).substr(0, cell_id_length);
    for (int index = 1; taken.contains(id); ++index) {
        std::string salted = std::to_string(index) + ":";
        salted += source;
        id = sha3_224_hex(salted).substr(0, cell_id_length);
    }
    taken.insert(id);
    return id;
}

} // namespace clm
