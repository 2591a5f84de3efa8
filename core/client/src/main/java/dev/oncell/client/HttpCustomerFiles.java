package dev.oncell.client;

import java.util.Objects;

/**
 * {@link CustomerFiles} over {@code /v1/customers/{id}/files/{path}}. The server tells files from
 * directories with the {@code X-Oncell-Entry} header ({@code file} or {@code directory}).
 */
final class HttpCustomerFiles implements CustomerFiles {

  static final String ENTRY_HEADER = "X-Oncell-Entry";

  private final Transport transport;
  private final String customerId;
  private final String prefix;

  HttpCustomerFiles(Transport transport, String customerId) {
    this.transport = transport;
    this.customerId = Objects.requireNonNull(customerId, "customerId");
    this.prefix = HttpOncellClient.customerPath(customerId) + "/files/";
  }

  @Override
  public String customerId() {
    return customerId;
  }

  @Override
  public byte[] read(String path) {
    Transport.Response response = transport.get(prefix + PathSegments.path(path));
    if (response.header(ENTRY_HEADER).filter("directory"::equalsIgnoreCase).isPresent()) {
      throw new OncellApiException(
          response.status(), "is_a_directory", "'" + path + "' is a directory, not a file");
    }
    return response.body();
  }

  @Override
  public VersionedContent readVersioned(String path) {
    return versioned(path, transport.get(prefix + PathSegments.path(path)));
  }

  @Override
  public VersionedContent readVersioned(String path, long maxBytes) {
    return versioned(path, transport.get(prefix + PathSegments.path(path), maxBytes));
  }

  private static VersionedContent versioned(String path, Transport.Response response) {
    if (response.header(ENTRY_HEADER).filter("directory"::equalsIgnoreCase).isPresent()) {
      throw new OncellApiException(
          response.status(), "is_a_directory", "'" + path + "' is a directory, not a file");
    }
    return new VersionedContent(
        response.body(), response.header("ETag").flatMap(WriteCondition::unquote));
  }

  @Override
  public DirectoryListing list(String path) {
    // The server answers a listing in pages; this follows them to the end.
    java.util.List<FileEntry> entries = new java.util.ArrayList<>();
    String listed = path;
    java.util.Optional<String> after = java.util.Optional.empty();
    do {
      String query =
          after
              .map(
                  a ->
                      "?after="
                          + java.net.URLEncoder.encode(a, java.nio.charset.StandardCharsets.UTF_8)
                              .replace("+", "%20"))
              .orElse("");
      Transport.Response response = transport.get(prefix + PathSegments.path(path) + query);
      if (response.header(ENTRY_HEADER).filter("file"::equalsIgnoreCase).isPresent()) {
        throw new OncellApiException(
            response.status(), "not_a_directory", "'" + path + "' is a file, not a directory");
      }
      dev.oncell.client.wire.ListingJson json = response.json(WireFormat::listingPage);
      DirectoryListing page = WireFormat.listing(json);
      listed = page.path();
      entries.addAll(page.entries());
      after = java.util.Optional.ofNullable(json.next());
    } while (after.isPresent());
    return new DirectoryListing(listed, entries);
  }

  @Override
  public WrittenFile write(String path, byte[] content, WriteCondition condition) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(condition, "condition");
    return transport
        .sendBytes(
            "PUT",
            prefix + PathSegments.path(path),
            content,
            "application/octet-stream",
            condition.headers())
        .json(WireFormat::writtenFile);
  }

  @Override
  public void delete(String path, boolean recursive) {
    transport.delete(prefix + PathSegments.path(path) + (recursive ? "?recursive=true" : ""));
  }
}
