/*
 * Copyright 2026 Example Corp.
 * Licensed under the Apache License, Version 2.0.
 */
package com.example.shop.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Places and cancels orders. Thread-safe.
 */
@Service
@Transactional(readOnly = false)
public class OrderService {

  private static final int MAX_LINES = 100;

  private final OrderRepository repository;
  private final Clock clock;

  public OrderService(OrderRepository repository, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Places an order for the given lines.
   *
   * @throws IllegalArgumentException if there are no lines or too many
   */
  @Timed("orders.place")
  public Order place(String customerId, List<Line> lines) {
    if (lines.isEmpty() || lines.size() > MAX_LINES) {
      throw new IllegalArgumentException("bad number of lines: " + lines.size());
    }
    BigDecimal total = BigDecimal.ZERO;
    for (Line line : lines) {
      total = total.add(line.price().multiply(BigDecimal.valueOf(line.quantity())));
    }
    Order order = new Order(customerId, List.copyOf(lines), total, clock.instant());
    repository.save(order);
    return order;
  }

  public Optional<Order> find(String orderId) {
    return repository.findById(orderId);
  }

  @Override
  public String toString() {
    return "OrderService[" + repository + "]";
  }

  /** One line of an order. */
  public record Line(String sku, int quantity, BigDecimal price) {
    public Line {
      if (quantity < 1) {
        throw new IllegalArgumentException("quantity must be positive");
      }
    }
  }

  /** Collects the cancelled orders of a day. */
  static final class CancelledReport {

    private final List<String> ids = new ArrayList<>();

    void add(String id) {
      ids.add(id);
    }

    int count() {
      return ids.size();
    }
  }

  enum Status {
    OPEN,
    PAID,
    CANCELLED;

    boolean isFinal() {
      return this == CANCELLED;
    }
  }
}
