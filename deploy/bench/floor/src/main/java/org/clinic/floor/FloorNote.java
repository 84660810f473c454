package org.clinic.floor;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;

/** One entity, so that Hibernate ORM boots as in the services (never queried). */
@Entity
public class FloorNote extends PanacheEntity {
    public String text;
}
