<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.units</name>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>a folder of images (flat or one sub-folder per class), digits, shapes, mnist, fashion-mnist or cifar10</source>
      <translation>一个图像文件夹（图像直接放在里面，或每个类别一个子文件夹），或 digits、shapes、mnist、fashion-mnist、cifar10</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>the layer whose channels are ranked (a module path; cnnviz summary lists them)</source>
      <translation>要为其通道排序的层（模块路径；cnnviz summary 会列出）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>images kept per channel (default: 9)</source>
      <translation>每个通道保留的图像数（默认：9）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>images per forward pass (default: 64)</source>
      <translation>每次前向传播的图像数（默认：64）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>DataLoader worker processes decoding images (default: 0, in this process)</source>
      <translation>解码图像的 DataLoader 工作进程数（默认：0，即在本进程中）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>rank only N items, spread evenly over the dataset</source>
      <translation>只排序 N 个样本，在数据集中均匀选取</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>rank again even when a cached result exists</source>
      <translation>即使有缓存结果也重新排序</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>rank {rank} of {size}: {error}</source>
      <translation>进程 {rank}（共 {size} 个）：{error}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>units file </source>
      <translation>units 结果文件 </translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>{option} must be from {least} to {most}, got {value}</source>
      <translation>{option} 必须在 {least} 到 {most} 之间，但给出的是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>{option} must be at least {least}, got {value}</source>
      <translation>{option} 至少为 {least}，但给出的是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>ranking {layer}</source>
      <translation>正在为 {layer} 排序</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>(rank 0's shard of {size})</source>
      <translation>（进程 0 的分片，共 {size} 片）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>reused the cached ranking of {layer} over {source} (ranked in {seconds} s); --no-cache ranks again</source>
      <translation>沿用了 {layer} 在 {source} 上的缓存排序（当时用时 {seconds} 秒）；加 --no-cache 可重新排序</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>the ranking is not cached: {reason}</source>
      <translation>排序结果未能缓存：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>skipped {skipped} unreadable file(s) of {count}</source>
      <translation>{count} 个文件中有 {skipped} 个无法读取，已跳过</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>wrote the top {top} images of {channels} channel of {layer} over {seen} images to {path}</source>
      <translation>已将 {layer} 的 {channels} 个通道各自的前 {top} 张图像（共看过 {seen} 张）写入 {path}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>wrote the top {top} images of {channels} channels of {layer} over {seen} images to {path}</source>
      <translation>已将 {layer} 的 {channels} 个通道各自的前 {top} 张图像（共看过 {seen} 张）写入 {path}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/units.py" />
      <source>{done}/{total} images {rate} img/s</source>
      <translation>{done}/{total} 张图像 {rate} 张/秒</translation>
    </message>
  </context>
</TS>
