/**
 * What leaves the host for a cell. {@link dev.oncell.runtime.internal.egress.CellEgress} turns an
 * agent's {@code CellSpec.Network} into an egress policy (checked at deploy time) and starts the
 * cell's egress proxy on a private unix socket; {@link
 * dev.oncell.runtime.internal.egress.EgressDownload} is the download client behind {@code
 * ctx.upload}, which speaks HTTP/1.1 through that proxy ({@code HttpMessage}, {@code
 * ChannelSocket}), so the allow-list, the address check and the log are the proxy's.
 *
 * <p>Uses store only (a hash); knows nothing of cells beyond a home folder, a cell id and a log.
 */
package dev.oncell.runtime.internal.egress;
