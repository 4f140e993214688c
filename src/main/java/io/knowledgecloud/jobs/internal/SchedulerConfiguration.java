package io.knowledgecloud.jobs.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Wires db-scheduler by hand (its Spring Boot starter targets Boot 3). The scheduler works on a
 * {@link TransactionAwareDataSourceProxy}, so {@code Jobs.submit} inside a Spring transaction
 * writes its row on the caller's connection and the job exists only if the caller commits.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

	static final String SCHEDULES_TASK = "kc-schedules";

	@Bean
	JobTask jobTask(JobHandlers handlers, DeadLetters deadLetters, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock) {
		return new JobTask(handlers, deadLetters, events, tx, clock);
	}

	@Bean
	RecurringTask<Void> schedulesTask(JobsSettings settings, ObjectProvider<ScheduleFiring> firing) {
		// db-scheduler runs a recurring task on one replica at a time; the firing itself claims each
		// occurrence with compare-and-set, so even two overlapping runs fire it once
		return Tasks.recurring(SCHEDULES_TASK, FixedDelay.of(settings.scheduleCheckInterval()))
			.execute((instance, context) -> firing.getObject().fireDue());
	}

	@Bean
	Scheduler scheduler(DataSource dataSource, JobsSettings settings, JobTask jobTask,
			RecurringTask<Void> schedulesTask) {
		return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(jobTask))
			.startTasks(schedulesTask)
			.serializer(new JsonTaskData())
			.schedulerName(new SchedulerName.Fixed(replicaName()))
			.threads(settings.threads())
			.pollingInterval(settings.pollingInterval())
			.heartbeatInterval(settings.heartbeatInterval())
			.missedHeartbeatsLimit(settings.missedHeartbeats())
			.shutdownMaxWait(settings.shutdownWait())
			.commitWhenAutocommitDisabled(false)
			.alwaysPersistTimestampInUTC()
			.enableImmediateExecution()
			.build();
	}

	private static String replicaName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			host = "unknown-host";
		}
		String name = host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
		return name.length() > 100 ? name.substring(0, 100) : name;
	}
}
