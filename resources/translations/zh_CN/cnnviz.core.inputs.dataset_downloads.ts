<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.inputs.dataset_downloads</name>
    <message>
      <location filename="cnnviz/core/inputs/dataset_downloads.py" />
      <source>the {dataset} files in {folder} are unreadable ({reason}); delete them to download them again</source>
      <translation>{folder} 中的 {dataset} 文件无法读取（{reason}）；删除它们即可重新下载</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/dataset_downloads.py" />
      <source>cannot unpack {archive}: {reason}</source>
      <translation>无法解压 {archive}：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/dataset_downloads.py" />
      <source>{url} is corrupted (MD5 does not match torchvision's)</source>
      <translation>{url} 已损坏（MD5 与 torchvision 给出的不一致）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/dataset_downloads.py" />
      <source>could not download {label}: {reason}</source>
      <translation>无法下载 {label}：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/dataset_downloads.py" />
      <source>no URL to download from</source>
      <translation>没有可下载的网址</translation>
    </message>
  </context>
</TS>
