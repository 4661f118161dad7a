/**
 * Service provider interfaces: what an external system implements to plug into Switchboard.
 *
 * <p>{@link dev.switchboard.core.spi.Broker} carries publications between server nodes; the
 * in-memory {@link dev.switchboard.core.spi.MemoryBroker} is the default for a single node. Each SPI
 * states its ordering and delivery guarantees in its javadoc; implementations must keep them.
 */
package dev.switchboard.core.spi;
