package hello;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

public class HelloWeft {
    public static void main(String[] args) throws InterruptedException {
        try (ReactorGroup group = ReactorGroup.builder().name("hello").reactors(2).build().start()) {
            Strand strand = Strand.of("greeter");         // owns tasklets; runs on one reactor at a time
            group.add(strand).join();                        // placed round-robin on a reactor thread
            CountDownLatch ticks = new CountDownLatch(3);
            strand.add(Tasklet.timed("tick", Duration.ofMillis(100), () -> {   // polled every 100 ms
                System.out.println("tick on " + Thread.currentThread().getName());
                ticks.countDown();
                return 1;                                    // work done: more than 0 counts as busy
            })).join();
            ticks.await();                                   // between ticks the reactor sleeps, no polling
            strand.close().join();
        }                                                    // close() stops and joins the reactor threads
    }
}
