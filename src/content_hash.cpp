#include "clm/content_hash.hpp"

#include <cstdint>
#include <stdexcept>

#include "clm/file_bytes.hpp"

#include <openssl/evp.h>

namespace clm {

// SHA-256 rather than a faster non-cryptographic hash: keys decide whether results are
// shared, so a collision would silently give a deck another deck's outputs.
struct ContentHash::Context {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(context); }
};

namespace {

// Fetched once: looking the algorithm up for every hash costs more than hashing a small key.
const EVP_MD* sha256() {
    static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

} // namespace

ContentHash::ContentHash()
    : m_context(std::make_unique<Context>()) {
    reset();
}

void ContentHash::reset() {
    if (m_context->context == nullptr || sha256() == nullptr ||
        EVP_DigestInit_ex(m_context->context, sha256(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL cannot provide SHA-256");
    }
}

ContentHash::~ContentHash() = default;

ContentHash& ContentHash::add(std::string_view field) {
    std::uint64_t size = field.size();
    unsigned char length[8];
    for (int i = 0; i < 8; ++i) {
        length[i] = static_cast<unsigned char>(size >> (8 * i));
    }
    EVP_DigestUpdate(m_context->context, length, sizeof length);
    EVP_DigestUpdate(m_context->context, field.data(), field.size());
    return *this;
}

std::string ContentHash::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(m_context->context, digest, &size);
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < size; ++i) {
        text += digits[digest[i] >> 4];
        text += digits[digest[i] & 0xF];
    }
    return text;
}

std::string bytes_digest(std::string_view bytes) {
    return ContentHash().add(bytes).hex();
}

std::optional<std::string> file_bytes_digest(const std::filesystem::path& path) {
    std::optional<std::string> bytes = read_file_bytes(path);
    return bytes ? std::optional<std::string>(bytes_digest(*bytes)) : std::nullopt;
}

} // namespace clm
