<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.units_distributed</name>
    <message>
      <location filename="cnnviz/core/analysis/units_distributed.py" />
      <source>torchrun's environment makes no sense: RANK={rank}, WORLD_SIZE={size}, LOCAL_RANK={local}</source>
      <translation>torchrun 的环境变量自相矛盾：RANK={rank}，WORLD_SIZE={size}，LOCAL_RANK={local}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units_distributed.py" />
      <source>torchrun started {per_node} processes on this node but it has {gpus} CUDA device(s); use --nproc-per-node {gpus} or fewer, or --device cpu</source>
      <translation>torchrun 在此节点上启动了 {per_node} 个进程，但它只有 {gpus} 个 CUDA 设备；请使用 --nproc-per-node {gpus} 或更少，或者使用 --device cpu</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units_distributed.py" />
      <source>cannot join torchrun's process group ({backend}, rank {rank} of {size}): {reason}</source>
      <translation>无法加入 torchrun 的进程组（{backend}，第 {rank} 个进程，共 {size} 个）：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units_distributed.py" />
      <source>no shard {rank} of {world_size} for {n_items} items</source>
      <translation>{n_items} 个条目中没有第 {rank} 个分片（共 {world_size} 个）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units_distributed.py" />
      <source>the ranks ranked different layers (channels x top: {found}); give every process the same command</source>
      <translation>各进程排序的层不一致（通道数 x top：{found}）；请给每个进程相同的命令</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units_distributed.py" />
      <source>torchrun's {name} is {text!r}, not a whole number</source>
      <translation>torchrun 的 {name} 是 {text!r}，不是整数</translation>
    </message>
  </context>
</TS>
